import { toSyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore, SecretTarget, StoredSecret } from '../../../app/ports/secret-store.js';
import { refuseEmptySecret } from './empty-secret.js';

interface HeldSecret {
  readonly secret: string;
  readonly target: SecretTarget;
}

/**
 * The keychain, or, where none can be reached (`ferry serve` on a server without a Secret
 * Service), this process's memory (issue 12: the setup saved the config and silently dropped
 * the typed secret). A secret held here lives until the process ends and is never written
 * anywhere; it is bound to its target exactly like a keychain entry (secret-target.ts), so a
 * config saved later that points the profile elsewhere does not get it.
 *
 * Reads: a secret entered in this session wins (it is the newest); otherwise the keychain.
 */
export class SessionMemorySecretStore implements SecretStore {
  private readonly held = new Map<string, HeldSecret>();

  constructor(private readonly keychain: SecretStore) {}

  async get(profileId: string): Promise<StoredSecret | null> {
    const held = this.held.get(profileId);
    if (held) return { ...held, origin: 'memory' };
    return this.keychain.get(profileId);
  }

  async set(profileId: string, secret: string, target: SecretTarget): Promise<void> {
    refuseEmptySecret(secret, 'Enter the secret.');
    try {
      await this.keychain.set(profileId, secret, target);
      this.held.delete(profileId); // the keychain has it now: one place, not two
    } catch (thrown) {
      if (toSyncError(thrown).code !== 'keychain-unavailable') throw thrown;
      this.held.set(profileId, { secret, target });
    }
  }

  async bind(profileId: string, target: SecretTarget): Promise<void> {
    if (this.held.has(profileId)) return; // held secrets are bound from the moment they are set
    await this.keychain.bind(profileId, target);
  }

  async delete(profileId: string): Promise<boolean> {
    const held = this.held.delete(profileId);
    try {
      return (await this.keychain.delete(profileId)) || held;
    } catch (thrown) {
      if (held && toSyncError(thrown).code === 'keychain-unavailable') return true;
      throw thrown;
    }
  }

  async keychainReachable(): Promise<boolean> {
    return (await this.keychain.keychainReachable?.()) ?? true;
  }
}
