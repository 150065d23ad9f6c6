import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';

/** The profile's long-lived secret, or a `secret-missing` error that says how to provide it. */
export async function requireSecret(
  store: SecretStore,
  profileId: string,
  what: string,
): Promise<string> {
  const secret = await store.get(profileId);
  if (secret !== null && secret !== '') return secret;
  throw new SyncError(
    'secret-missing',
    'fatal',
    `No ${what} is stored for profile "${profileId}".`,
    {
      hint: `Run \`ferry secret set ${profileId}\` (it reads the secret from standard input), or set ${secretEnvName(profileId)} for headless use.`,
    },
  );
}
