import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import type { SecretStore, SecretTarget, StoredSecret } from '../../../app/ports/secret-store.js';

/**
 * FERRY_SECRET_<PROFILE_ID> in the environment wins over the keychain, for headless machines
 * and CI. Writes and deletes go to the keychain: the environment belongs to the caller.
 * A variable is bound to its first target for the life of this process (the environment cannot
 * be written back): a config saved later over the bridge that points the profile elsewhere
 * does not get it.
 */
export class EnvOverlaySecretStore implements SecretStore {
  private readonly envBindings = new Map<string, SecretTarget>();

  constructor(
    private readonly keychain: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  async get(profileId: string): Promise<StoredSecret | null> {
    const fromEnv = this.fromEnv(profileId);
    if (fromEnv !== null) {
      return {
        secret: fromEnv,
        target: this.envBindings.get(profileId) ?? null,
        origin: 'environment',
      };
    }
    return this.keychain.get(profileId);
  }

  set(profileId: string, secret: string, target: SecretTarget): Promise<void> {
    return this.keychain.set(profileId, secret, target);
  }

  bind(profileId: string, target: SecretTarget): Promise<void> {
    if (this.fromEnv(profileId) === null) return this.keychain.bind(profileId, target);
    if (!this.envBindings.has(profileId)) this.envBindings.set(profileId, target);
    return Promise.resolve();
  }

  delete(profileId: string): Promise<boolean> {
    return this.keychain.delete(profileId);
  }

  async keychainReachable(): Promise<boolean> {
    return (await this.keychain.keychainReachable?.()) ?? true;
  }

  private fromEnv(profileId: string): string | null {
    const value = this.env[secretEnvName(profileId)];
    return value === undefined || value === '' ? null : value;
  }
}
