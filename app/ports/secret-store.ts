/**
 * Where a long-lived secret may be sent. A secret is stored together with its target, and is
 * given out only to a credential source with the same target: a config change of the source
 * kind, the access key id or the endpoint/URL (saved over the bridge, or by hand) cannot send
 * a stored secret somewhere else. Built by `app/credentials/secret-target.ts`.
 */
export interface SecretTarget {
  readonly source: 'assume-role' | 'aliyun-sts' | 'vendor';
  /** The AccessKeyId the secret key belongs to; null for a vendor bearer token. */
  readonly accessKeyId: string | null;
  /** The STS endpoint or vendor URL (normalised), or "default" for the provider's own STS. */
  readonly endpoint: string;
}

export interface StoredSecret {
  readonly secret: string;
  /** What the secret was stored for; null when it is not bound yet: an entry written before
   *  Ferry bound secrets, or a FERRY_SECRET_<ID> variable (see `requireSecret`). */
  readonly target: SecretTarget | null;
  /** The keychain, the process environment (FERRY_SECRET_<ID>), or this process's memory (no
   *  keychain could be reached when it was entered: kept for this session only, never on disk). */
  readonly origin: 'keychain' | 'environment' | 'memory';
}

/**
 * Where long-lived secrets live: the sub-account secret key of an `assume-role` or `aliyun-sts`
 * profile, the bearer token of a `vendor` profile. Keyed by profile id, bound to a target.
 * Real adapter: the OS keychain.
 */
export interface SecretStore {
  /** The secret for this profile and what it is bound to, or null if none is stored. Throws
   *  SyncError `keychain-unavailable` when the store itself cannot be reached. */
  get(profileId: string): Promise<StoredSecret | null>;
  /** Stores or replaces the secret, bound to `target`. */
  set(profileId: string, secret: string, target: SecretTarget): Promise<void>;
  /** Binds the stored, still unbound secret to `target` (its first use); a no-op when the
   *  profile has no unbound secret. */
  bind(profileId: string, target: SecretTarget): Promise<void>;
  /** Removes the secret; resolves false if there was none. */
  delete(profileId: string): Promise<boolean>;
  /** Whether the OS keychain (on Linux a Secret Service) answers now; stores without one omit
   *  this. The setup form says so before the user types a secret it could not keep. */
  keychainReachable?(): Promise<boolean>;
}
