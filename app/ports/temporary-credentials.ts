/** A short-lived credential set from STS or a vendor backend. Never leaves main/. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** When the provider says the token stops working. */
  readonly expiration: Date;
}

/** What may be shown about a credential set: never the secret or token. */
export function describeCredentials(credentials: TemporaryCredentials): string {
  return `key …${credentials.accessKeyId.slice(-4)} expiring ${credentials.expiration.toISOString()}`;
}
