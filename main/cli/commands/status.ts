import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { compose } from '../../compose.js';
import { loadConfig } from '../../config/load-config.js';
import type { CommandIo } from './check.js';

export interface FolderStatus {
  readonly folder: string;
  readonly path: string;
  readonly synced: number;
  readonly pending: number;
  readonly failed: number;
  readonly lastError: string | null;
}

/**
 * `ferry status --config FILE [--json]`: per folder, files synced / pending / failed. Pending is
 * what a sync would do now (a scan against the journal; no network, no credentials needed).
 */
export async function statusCommand(
  configPath: string,
  json: boolean,
  secrets: SecretStore,
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(configPath);
  const composition = compose(config, { secrets, once: true, readOnly: true });
  try {
    const plans = await composition.engine.dryRun();
    const rows: FolderStatus[] = composition.folders.map((folder) => {
      const records = composition.journal.listFiles(folder.id);
      const failed = records.filter((r) => r.state === 'failed');
      const plan = plans.get(folder.id);
      if (!plan) throw new SyncError('internal', 'fatal', `no plan for folder ${folder.id}`);
      return {
        folder: folder.id,
        path: folder.root,
        synced: records.length - failed.length,
        pending:
          plan.uploads.length -
          plan.uploads.filter((u) => u.reason === 'retry').length +
          plan.deletes.length,
        failed: failed.length,
        lastError: failed.at(-1)?.lastError ?? null,
      };
    });
    if (json) {
      io.out(`${JSON.stringify({ folders: rows })}\n`);
      return 0;
    }
    for (const row of rows) {
      io.out(
        `${row.folder}  ${row.path}\n  ${row.synced} synced, ${row.pending} pending, ${row.failed} failed\n`,
      );
      if (row.lastError) io.out(`  last error: ${row.lastError}\n`);
    }
    return 0;
  } finally {
    await composition.close();
  }
}
