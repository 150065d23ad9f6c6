import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import { secretUse, targetChanges } from '../../../app/credentials/secret-target.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import { processSecrets } from '../../../app/logging/redact.js';
import type { SecretStore, SecretTarget } from '../../../app/ports/secret-store.js';

/**
 * The profile's long-lived secret, given out only for the target it was stored for (see
 * `secretUse` in app/credentials/secret-target.ts); otherwise a `secret-missing` error that
 * says how to provide it. Nothing is sent anywhere before this returns.
 */
export async function requireSecret(
  store: SecretStore,
  profileId: string,
  what: string,
  target: SecretTarget,
): Promise<string> {
  const stored = await store.get(profileId);
  if (stored === null || stored.secret === '') {
    throw new SyncError(
      'secret-missing',
      'fatal',
      `No ${what} is stored for profile "${profileId}".`,
      {
        hint: enterAgain(profileId),
        params: { profile: profileId },
      },
    );
  }
  // From now on hidden from every log line, UI message and CLI output, whatever it looks like.
  processSecrets.remember(stored.secret);
  switch (secretUse(stored, target)) {
    case 'usable':
      return stored.secret;
    case 'bind-first':
      // Bound before use: if the keychain cannot record it, nothing is sent.
      await store.bind(profileId, target);
      return stored.secret;
    case 'other-target': {
      const changed = stored.target ? targetChanges(stored.target, target).join(', ') : '';
      throw new SyncError(
        'secret-missing',
        'fatal',
        `The ${what} of profile "${profileId}" was stored for another target (the profile's ${changed} changed since); enter it again.`,
        {
          hint: `Ferry does not send a secret anywhere but where it was stored for. ${enterAgain(profileId)}`,
          params: { profile: profileId },
        },
      );
    }
    case 'unbound-vendor':
      throw new SyncError(
        'secret-missing',
        'fatal',
        `The ${what} of profile "${profileId}" was stored by an older Ferry, which did not record where it may be sent; enter it again.`,
        {
          hint: `A token backend is only sent a token entered for its URL. ${enterAgain(profileId)}`,
          params: { profile: profileId },
        },
      );
  }
}

function enterAgain(profileId: string): string {
  return `Enter it in the app's Credentials view, or run \`ferry secret set ${profileId} --config FILE\` (it reads the secret from standard input), or set ${secretEnvName(profileId)} for headless use.`;
}
