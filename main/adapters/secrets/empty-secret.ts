import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * An empty secret is never stored: it would read back as "a secret is set" and fail only later,
 * at the provider, with a less helpful error. `hint` says how this caller gives a secret.
 */
export function refuseEmptySecret(secret: string, hint: string): void {
  if (secret === '') {
    throw new SyncError('secret-missing', 'fatal', 'Refusing to store an empty secret.', { hint });
  }
}
