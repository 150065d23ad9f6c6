/**
 * Where long-lived secrets live: the sub-account secret key of an `assume-role` profile, the
 * bearer token of a `vendor` profile. Keyed by profile id. Real adapter: the OS keychain.
 */
export interface SecretStore {
  /** The secret for this profile, or null if none is stored. Throws SyncError
   *  `keychain-unavailable` when the store itself cannot be reached. */
  get(profileId: string): Promise<string | null>;
  /** Stores or replaces the secret. */
  set(profileId: string, secret: string): Promise<void>;
  /** Removes the secret; resolves false if there was none. */
  delete(profileId: string): Promise<boolean>;
}
