import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { isSyncError, toSyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { proxySettings } from '../../adapters/network/proxy-agents.js';
import { systemClock } from '../../adapters/system/system-clock.js';
import { wholeBucketWarning } from '../../../app/sync/whole-bucket.js';
import { loadConfig } from '../../config/load-config.js';
import {
  createProfileCredentialSource,
  profileSessionPolicy,
} from '../../compose/profile-sources.js';
import { formatRemaining } from '../format-duration.js';
import { checkFolders } from './check-folders.js';

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Stdout without redaction, for the one line meant to carry a secret (serve's URL). */
  readonly outVerbatim?: (text: string) => void;
}

/**
 * `ferry check --config FILE`: validates the config, obtains a token for every profile and
 * prints its expiry and the session policy in use; then per folder what that policy allows, in
 * plain words, and the preflight `ferry sync` runs (check-folders.ts). Exit 0 when every profile
 * and folder works, 2 otherwise.
 */
export async function checkCommand(
  configPath: string,
  secrets: SecretStore,
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(configPath);
  io.out(
    `Config ${configPath} is valid: ${config.profiles.length} profile(s), ${config.folders.length} folder(s).\n`,
  );
  for (const folder of config.folders) {
    const warning = wholeBucketWarning(folder);
    if (warning) io.err(`warning: ${warning}\n`);
  }
  let failures = 0;
  const failedProfiles = new Set<string>();
  for (const profile of config.profiles) {
    io.out(
      `\nProfile "${profile.id}" (${profile.provider}, credentials: ${profile.credentials.source})\n`,
    );
    try {
      const policy = profileSessionPolicy(config, profile);
      const source = createProfileCredentialSource(config, profile, {
        secrets,
        clock: systemClock,
        proxy: proxySettings(config.proxy),
      });
      const broker = new CredentialBroker({ label: profile.id, source, clock: systemClock });
      const token = await broker.get();
      const expiresAt = token.expiration.getTime();
      io.out(
        `  token:   key …${token.accessKeyId.slice(-4)}, expires ${token.expiration.toISOString()} (${formatRemaining(expiresAt - Date.now())})\n`,
      );
      const shown =
        policy === undefined
          ? '(none sent: the token backend decides)'
          : JSON.stringify(JSON.parse(policy), null, 2);
      io.out(`  policy:  ${shown.replace(/\n/g, '\n           ')}\n`);
    } catch (error) {
      failures += 1;
      failedProfiles.add(profile.id);
      const problem = isSyncError(error) ? error : toSyncError(error);
      io.err(`  ✗ ${problem.describe().replace(/\n/g, '\n    ')}\n`);
    }
  }
  failures += await checkFolders(config, secrets, failedProfiles, io);
  return failures === 0 ? 0 : 2;
}
