import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import { secretTargetOf } from '../../../app/credentials/secret-target.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { KEYCHAIN_SERVICE } from '../../adapters/secrets/keytar-secret-store.js';
import { loadConfig } from '../../config/load-config.js';
import { readSecret } from '../read-secret.js';
import type { CommandIo } from './check.js';

/** `ferry secret set PROFILE_ID --config FILE`: the secret comes on standard input, never as an
 *  argument (arguments end up in shell history and `ps`). It is stored bound to the profile's
 *  source, access key id and endpoint as the config file has them: Ferry sends it nowhere else. */
export async function secretSetCommand(
  profileId: string,
  configPath: string,
  keychain: SecretStore,
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(configPath);
  const profile = config.profiles.find((p) => p.id === profileId);
  if (!profile) {
    throw new SyncError('config-invalid', 'fatal', `${configPath} has no profile "${profileId}".`, {
      hint: `Profiles in it: ${config.profiles.map((p) => p.id).join(', ') || 'none'}.`,
    });
  }
  const secret = await readSecret(`Secret for profile "${profileId}" (input hidden): `);
  if (secret.trim() === '') {
    throw new SyncError('secret-missing', 'fatal', 'No secret was given on standard input.', {
      hint: `Pipe it in: printf %s "$SECRET" | ferry secret set ${profileId}`,
    });
  }
  await keychain.set(profileId, secret, secretTargetOf(profile));
  io.out(
    `Stored the secret for profile "${profileId}" in the OS keychain (service "${KEYCHAIN_SERVICE}").\n`,
  );
  if (process.env[secretEnvName(profileId)]) {
    io.err(
      `Note: ${secretEnvName(profileId)} is set in this environment and takes precedence over the keychain.\n`,
    );
  }
  return 0;
}

export async function secretDeleteCommand(
  profileId: string,
  keychain: SecretStore,
  io: CommandIo,
): Promise<number> {
  const deleted = await keychain.delete(profileId);
  io.out(
    deleted
      ? `Deleted the secret for profile "${profileId}" from the OS keychain.\n`
      : `No secret was stored for profile "${profileId}".\n`,
  );
  return 0;
}
