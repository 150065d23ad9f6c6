import type { FerryConfig } from '../../../app/config/schema.js';
import type { PreflightCheck } from '../../../app/engine/folder-preflight.js';
import { describeFolderPolicy } from '../../../app/credentials/policy-summary.js';
import { toSyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { compose } from '../../compose/compose.js';
import { folderPolicyOf } from '../../ui-host/folder-policy.js';
import type { CommandIo } from './check.js';
import { preflightFolders } from './preflight.js';

const LABELS: Record<PreflightCheck['name'], string> = {
  folder: 'path:  ',
  write: 'write: ',
  list: 'list:  ',
  delete: 'delete:',
};

const NOT_NEEDED: Record<PreflightCheck['name'], string> = {
  folder: '',
  write: '',
  list: 'not needed (remoteListing is off)',
  delete: 'not needed (upload mode never deletes)',
};

/** What a folder's token allows, in plain English (policy-summary.ts). */
export function folderPolicyWords(config: FerryConfig, folderId: string): string | null {
  const view = folderPolicyOf(config, folderId);
  return view ? describeFolderPolicy(view) : null;
}

/**
 * `ferry check`, per folder: what its token allows there, and the preflight `ferry sync` runs
 * (path, bucket, write, and listing/deleting where the mode needs them). Folders of a profile
 * that has no token are not probed (every probe would fail the same way). Returns the number of
 * folders that failed.
 */
export async function checkFolders(
  config: FerryConfig,
  secrets: SecretStore,
  failedProfiles: ReadonlySet<string>,
  io: CommandIo,
): Promise<number> {
  const probed = config.folders.filter((folder) => !failedProfiles.has(folder.profile));
  let composition;
  try {
    composition = compose(
      {
        ...config,
        profiles: config.profiles.filter((profile) => !failedProfiles.has(profile.id)),
        folders: probed,
      },
      { secrets, once: true, readOnly: true, logWrite: () => {} },
    );
  } catch (error) {
    io.err(`  ✗ ${toSyncError(error).describe()}\n`);
    return probed.length;
  }
  let failures = 0;
  try {
    const results = new Map(
      (await preflightFolders(composition)).map((result) => [result.folderId, result]),
    );
    for (const folder of config.folders) {
      io.out(
        `\nFolder "${folder.id}" (${folder.path} → s3://${folder.bucket}/${folder.prefix}, ${folder.mode})\n`,
      );
      io.out(`  allows: ${folderPolicyWords(config, folder.id) ?? '(unknown)'}\n`);
      const result = results.get(folder.id);
      if (!result) {
        io.out(`  not checked: profile "${folder.profile}" has no token (see above)\n`);
        continue;
      }
      for (const check of result.checks) {
        const outcome =
          check.outcome === 'not-needed'
            ? NOT_NEEDED[check.name]
            : check.outcome === 'not-checked'
              ? 'not checked (an earlier check failed)'
              : check.outcome;
        io.out(`  ${LABELS[check.name]} ${outcome}\n`);
      }
      if (result.error) {
        failures += 1;
        io.err(`  ✗ ${result.error.describe().replace(/\n/g, '\n    ')}\n`);
      }
    }
  } finally {
    await composition.close();
  }
  return failures;
}
