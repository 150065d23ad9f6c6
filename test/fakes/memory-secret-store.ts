import { SyncError } from '../../app/errors/sync-error.js';
import type { SecretStore, SecretTarget, StoredSecret } from '../../app/ports/secret-store.js';
import { decodeSecret, encodeSecret } from '../../main/adapters/secrets/secret-envelope.js';

/**
 * The keychain in memory, storing exactly what the keytar adapter stores: `secrets` holds the
 * raw entries, so a test that puts a plain string there has an entry from before Ferry bound
 * secrets (unbound), and `set` writes the bound envelope. Like the keytar adapter it refuses an
 * empty secret (test/contracts/secret-store-contract.ts holds the two to the same rules).
 */
export class MemorySecretStore implements SecretStore {
  readonly secrets = new Map<string, string>();

  get(profileId: string): Promise<StoredSecret | null> {
    const raw = this.secrets.get(profileId);
    return Promise.resolve(
      raw === undefined ? null : { ...decodeSecret(raw), origin: 'keychain' as const },
    );
  }

  set(profileId: string, secret: string, target: SecretTarget): Promise<void> {
    if (secret === '') {
      return Promise.reject(
        new SyncError('secret-missing', 'fatal', 'Refusing to store an empty secret.', {
          hint: 'Pipe the secret on standard input.',
        }),
      );
    }
    this.secrets.set(profileId, encodeSecret(secret, target));
    return Promise.resolve();
  }

  async bind(profileId: string, target: SecretTarget): Promise<void> {
    const stored = await this.get(profileId);
    if (stored !== null && stored.target === null) await this.set(profileId, stored.secret, target);
  }

  delete(profileId: string): Promise<boolean> {
    return Promise.resolve(this.secrets.delete(profileId));
  }
}
