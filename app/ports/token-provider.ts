import type { TemporaryCredentials } from './temporary-credentials.js';

/**
 * Where a store's signer gets its temporary credentials. The one implementation is the
 * CredentialBroker (app/credentials/credential-broker.ts), which memoizes, refreshes ahead of
 * expiry and rate-limits forced refreshes; adapters see only this port, so they never decide
 * when a token is replaced. A store fetches the token once per request (`get`); refreshing and
 * retrying after a rejection is the AuthRetryingStore's job (app/transfer/auth-retrying-store.ts),
 * not the adapter's.
 */
export interface TokenProvider {
  /** A token valid now and for a safety margin; fetches one when none is held. Throws the
   *  source's SyncError (`credentials-unavailable`, `sts-denied`…, with `retryAfterMs` while a
   *  failed refresh backs off) when there is none to give. */
  get(): Promise<TemporaryCredentials>;

  /**
   * Which token `get()` would hand out if called now: the held token's number, or, when none is
   * held or it is no longer usable, the number the next fetched token will have. Read it before
   * sending a request and pass it to `forceRefresh` if the store rejects the request: a token
   * replaced since then (by another request's rejection or the schedule) is not replaced again.
   * Numbers only grow; they say nothing about the token's contents.
   */
  readonly generation: number;

  /**
   * The store rejected a token; `rejectedGeneration` is `generation` as read before the request.
   * Resolves with a token to retry with: a new one, or the current one when it was replaced
   * after `rejectedGeneration` already, or when a forced refresh happened very recently (then the
   * rejection is a real denial and the retry surfaces it). Concurrent callers share one fetch.
   * Throws like `get()` when the source fails.
   */
  forceRefresh(rejectedGeneration: number): Promise<TemporaryCredentials>;
}
