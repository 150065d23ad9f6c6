import type * as KeytarModule from 'keytar';

import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore, SecretTarget, StoredSecret } from '../../../app/ports/secret-store.js';
import { refuseEmptySecret } from './empty-secret.js';
import { decodeSecret, encodeSecret } from './secret-envelope.js';

/** The keychain service name; the account is the profile id, the password the secret and its
 *  target (secret-envelope.ts). */
export const KEYCHAIN_SERVICE = 'ferry';

type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

/**
 * The OS keychain via keytar: macOS Keychain, Windows Credential Manager, and the Secret Service
 * (gnome-keyring, KWallet) on Linux. keytar is loaded on first use so that a machine without a
 * keychain can still run Ferry with FERRY_SECRET_<ID> variables.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | undefined;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  async get(profileId: string): Promise<StoredSecret | null> {
    const raw = await this.call(profileId, (keytar) => keytar.getPassword(this.service, profileId));
    return raw === null ? null : { ...decodeSecret(raw), origin: 'keychain' };
  }

  async set(profileId: string, secret: string, target: SecretTarget): Promise<void> {
    refuseEmptySecret(secret, 'Pipe the secret on standard input.');
    await this.call(profileId, (keytar) =>
      keytar.setPassword(this.service, profileId, encodeSecret(secret, target)),
    );
  }

  async bind(profileId: string, target: SecretTarget): Promise<void> {
    const stored = await this.get(profileId);
    if (stored === null || stored.target !== null) return;
    await this.set(profileId, stored.secret, target);
  }

  async delete(profileId: string): Promise<boolean> {
    return this.call(profileId, (keytar) => keytar.deletePassword(this.service, profileId));
  }

  /** Asks the keychain for an account that never exists: a Secret Service that is missing (no
   *  D-Bus session) or cannot be started makes the call fail, an answer of "none" proves it works. */
  async keychainReachable(): Promise<boolean> {
    try {
      await this.call(null, (keytar) => keytar.getPassword(this.service, '.ferry-keychain-probe'));
      return true;
    } catch {
      return false;
    }
  }

  private load(): Promise<Keytar> {
    this.keytar ??= import('keytar')
      .then((module) => module.default)
      .catch((error: unknown) => {
        this.keytar = undefined;
        throw error;
      });
    return this.keytar;
  }

  /** Any failure to load keytar or to talk to the keychain is `keychain-unavailable`, whose
   *  hint names the profile's own variable. */
  private async call<T>(
    profileId: string | null,
    operation: (keytar: Keytar) => Promise<T>,
  ): Promise<T> {
    try {
      return await operation(await this.load());
    } catch (error) {
      throw unavailable(error, profileId);
    }
  }
}

function unavailable(error: unknown, profileId: string | null): SyncError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SyncError(
    'keychain-unavailable',
    'fatal',
    `The OS keychain cannot be used: ${reason}`,
    {
      hint:
        'On Linux, Ferry needs a Secret Service (gnome-keyring or KWallet) in an unlocked desktop session. ' +
        `Without one, give the secret as ${profileId === null ? 'FERRY_SECRET_<PROFILE_ID>' : secretEnvName(profileId)} in the environment.`,
      params: {
        variable: profileId === null ? 'FERRY_SECRET_<PROFILE_ID>' : secretEnvName(profileId),
      },
      cause: error,
    },
  );
}
