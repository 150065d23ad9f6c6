import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import { SyncError, toSyncError } from '../../../app/errors/sync-error.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';

/** The answers that mean "the stored secret is wrong" (sts-error.ts, vendor-source.ts). */
const WRONG_SECRET_CODES: ReadonlySet<string> = new Set(['sts-denied', 'vendor-unauthorized']);

/**
 * A wrong secret's hint says where that secret came from (issue 12): `ferry secret set` cannot
 * help while FERRY_SECRET_<ID> wins over the keychain, so a wrong variable is to be fixed or
 * unset; a secret held in memory (no keychain) is entered again in the app. Keychain secrets
 * keep the sources' own hints.
 */
export function withSecretOriginHints(
  source: CredentialSource,
  profileId: string,
  secrets: SecretStore,
): CredentialSource {
  return async () => {
    try {
      return await source();
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (!WRONG_SECRET_CODES.has(error.code)) throw thrown;
      const origin = await secrets.get(profileId).then(
        (stored) => stored?.origin,
        () => undefined,
      );
      const hint = originHint(profileId, origin);
      if (hint === null) throw thrown;
      throw new SyncError(error.code, error.disposition, error.message, {
        hint,
        ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
        cause: error,
      });
    }
  };
}

function originHint(profileId: string, origin: string | undefined): string | null {
  const variable = secretEnvName(profileId);
  if (origin === 'environment') {
    return `The secret comes from ${variable} in Ferry's environment, which wins over the keychain: correct that variable (or unset it to use the keychain) and restart Ferry.`;
  }
  if (origin === 'memory') {
    return `The secret was entered in this session (no keychain here, so it is kept in memory only): enter the right one in the Credentials view, or set ${variable} for Ferry.`;
  }
  return null;
}
