import type { SecretStore } from '../../app/ports/secret-store.js';

export class MemorySecretStore implements SecretStore {
  readonly secrets = new Map<string, string>();

  get(profileId: string): Promise<string | null> {
    return Promise.resolve(this.secrets.get(profileId) ?? null);
  }

  set(profileId: string, secret: string): Promise<void> {
    this.secrets.set(profileId, secret);
    return Promise.resolve();
  }

  delete(profileId: string): Promise<boolean> {
    return Promise.resolve(this.secrets.delete(profileId));
  }
}
