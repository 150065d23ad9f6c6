import { secretEnvName } from '../../../app/credentials/secret-env-name.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';

/**
 * FERRY_SECRET_<PROFILE_ID> in the environment wins over the keychain, for headless machines
 * and CI. Writes and deletes go to the keychain: the environment belongs to the caller.
 */
export class EnvOverlaySecretStore implements SecretStore {
  constructor(
    private readonly keychain: SecretStore,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  async get(profileId: string): Promise<string | null> {
    const fromEnv = this.env[secretEnvName(profileId)];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return this.keychain.get(profileId);
  }

  set(profileId: string, secret: string): Promise<void> {
    return this.keychain.set(profileId, secret);
  }

  delete(profileId: string): Promise<boolean> {
    return this.keychain.delete(profileId);
  }
}
