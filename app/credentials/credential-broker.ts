import { errorView, SyncError, toSyncError, type ErrorView } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { CredentialSource } from '../ports/credential-source.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import type { TokenProvider } from '../ports/token-provider.js';
import { backoffDelay, defaultCredentialBackoff, type BackoffPolicy } from '../retry/backoff.js';
import { planRefresh, type RefreshTiming } from './refresh-timing.js';
import type { TemporaryCredentials } from '../ports/temporary-credentials.js';

export interface CredentialBrokerOptions {
  /** Profile id, for logs and errors. */
  readonly label: string;
  readonly source: CredentialSource;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** [0, 1); injected so jitter is deterministic in tests. */
  readonly random?: () => number;
  /** Spacing of attempts after the source fails. */
  readonly backoff?: BackoffPolicy;
  /** A forced refresh (after an auth error) happens at most this often, so a policy that denies
   *  every file cannot turn into one STS call per file. */
  readonly minForcedRefreshIntervalMs?: number;
}

/** What the UI and the CLI may know about a profile's token: times and errors, never secrets. */
export interface CredentialStatus {
  readonly state: 'none' | 'valid' | 'refreshing' | 'failing';
  readonly expiresAt: number | null;
  readonly nextRefreshAt: number | null;
  readonly lastRefreshAt: number | null;
  readonly lastError: ErrorView | null;
  readonly retryAt: number | null;
}

interface HeldToken {
  readonly credentials: TemporaryCredentials;
  readonly obtainedAt: number;
  readonly timing: RefreshTiming;
  readonly generation: number;
}

/**
 * The memoizing credential provider (DESIGN.md §4): every signer asks it for a token, it calls
 * the source only when needed.
 * - Refreshes ahead of expiry in the background while the current token is still handed out.
 * - Single-flight: concurrent callers share one source call.
 * - After a failure, waits with jittered exponential backoff; meanwhile callers get the still
 *   usable token or a `credentials-unavailable` error with `retryAfterMs` (the queue then waits
 *   in `waiting-for-credentials`; nothing fails for that reason alone).
 * - `forceRefresh` after an auth error, deduplicated by generation and rate-limited.
 */
export class CredentialBroker implements TokenProvider {
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly minForcedRefreshIntervalMs: number;
  private held: HeldToken | undefined;
  private inFlight: Promise<HeldToken> | undefined;
  private generationCounter = 0;
  private consecutiveFailures = 0;
  private retryAt = 0;
  private lastForcedRefreshAt = Number.NEGATIVE_INFINITY;
  private lastError: SyncError | undefined;
  private readonly listeners = new Set<(status: CredentialStatus) => void>();

  constructor(private readonly options: CredentialBrokerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? defaultCredentialBackoff;
    this.minForcedRefreshIntervalMs = options.minForcedRefreshIntervalMs ?? 10_000;
  }

  /** A token that is valid now and for a safety margin; refreshes when needed. */
  async get(): Promise<TemporaryCredentials> {
    return (await this.getHeld()).credentials;
  }

  /**
   * Identifies the token `get()` hands out now (see TokenProvider): the held one while usable,
   * else the next to be fetched, so a request that itself fetched the token (none held yet, or
   * the held one expired) still names the token it was signed with. Pass it back to
   * `forceRefresh` so that many requests failing with the same token cause a single refresh.
   */
  get generation(): number {
    const held = this.held;
    if (held && this.options.clock.now() < held.timing.usableUntil) return held.generation;
    return this.generationCounter + 1;
  }

  /**
   * The store rejected a token (expired early, revoked, clock skew). Replaces it unless another
   * caller already did since `rejectedGeneration`, or a forced refresh happened very recently
   * (then the rejection is a real denial, and the caller's retry will surface it).
   */
  async forceRefresh(rejectedGeneration: number): Promise<TemporaryCredentials> {
    const now = this.options.clock.now();
    if (
      this.held &&
      this.held.generation !== rejectedGeneration &&
      now < this.held.timing.usableUntil
    ) {
      return this.held.credentials;
    }
    if (this.inFlight) return (await this.inFlight).credentials;
    if (this.held && now - this.lastForcedRefreshAt < this.minForcedRefreshIntervalMs) {
      return this.held.credentials;
    }
    this.lastForcedRefreshAt = now;
    this.logger.info('credentials rejected by the store; refreshing', {
      profile: this.options.label,
    });
    this.held = undefined;
    return (await this.refresh()).credentials;
  }

  /**
   * The user asked for a new token (the UI's "Refresh now", after fixing a secret or a role).
   * Skips the backoff wait of earlier failures — the user may just have fixed the cause — but
   * stays single-flight. The current token stays in use if the refresh fails.
   */
  async refreshNow(): Promise<TemporaryCredentials> {
    if (this.inFlight) return (await this.inFlight).credentials;
    this.retryAt = 0;
    return (await this.refresh()).credentials;
  }

  /**
   * When the next source call is due: the held token's refresh time, no earlier than the backoff
   * of a failure; now when nothing is held. The background scheduler sleeps until then, so this
   * is also the "next refresh" the UI shows (issue 12: the time shown is the one that happens).
   */
  nextAttemptAt(): number {
    const due = this.held?.timing.refreshAt ?? 0;
    return Math.max(due, this.lastError ? this.retryAt : 0);
  }

  /**
   * A refresh if one is due (see `nextAttemptAt`), shared with any in flight; never throws (the
   * failure is in `status()`). The background scheduler calls this while nothing else asks.
   */
  async refreshIfDue(): Promise<void> {
    if (!this.inFlight && this.options.clock.now() < this.nextAttemptAt()) return;
    await this.refresh().catch(() => {});
  }

  status(): CredentialStatus {
    const error = this.lastError;
    let state: CredentialStatus['state'] = 'none';
    if (this.inFlight) state = 'refreshing';
    else if (error) state = 'failing';
    else if (this.held) state = 'valid';
    const scheduled = this.nextAttemptAt();
    return {
      state,
      expiresAt: this.held?.credentials.expiration.getTime() ?? null,
      nextRefreshAt: this.held || error ? scheduled : null,
      lastRefreshAt: this.held?.obtainedAt ?? null,
      lastError: error ? errorView(error) : null,
      retryAt: error ? this.retryAt : null,
    };
  }

  /** Called on every status change (refresh started, succeeded, failed). Returns unsubscribe. */
  onStatus(listener: (status: CredentialStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async getHeld(): Promise<HeldToken> {
    const now = this.options.clock.now();
    const held = this.held;
    if (held && now < held.timing.usableUntil) {
      if (now >= held.timing.refreshAt) this.refreshInBackground();
      return held;
    }
    return this.refresh();
  }

  private refreshInBackground(): void {
    if (this.inFlight || this.options.clock.now() < this.retryAt) return;
    // The failure is recorded by refresh(); the current token stays in use until usableUntil.
    this.refresh().catch(() => {});
  }

  private refresh(): Promise<HeldToken> {
    if (this.inFlight) return this.inFlight;
    const now = this.options.clock.now();
    if (now < this.retryAt && this.lastError) {
      return Promise.reject(this.unavailable(this.lastError, this.retryAt - now));
    }
    const attempt = this.fetchFromSource().finally(() => {
      this.inFlight = undefined;
      this.emit();
    });
    this.inFlight = attempt;
    this.emit();
    return attempt;
  }

  private async fetchFromSource(): Promise<HeldToken> {
    const { clock, label } = this.options;
    try {
      const credentials = await this.options.source();
      const obtainedAt = clock.now();
      const expiresAt = credentials.expiration.getTime();
      if (!(expiresAt > obtainedAt)) {
        throw expiredOnArrival(label, credentials.expiration, obtainedAt);
      }
      const held: HeldToken = {
        credentials,
        obtainedAt,
        timing: planRefresh(obtainedAt, expiresAt, this.random),
        generation: ++this.generationCounter,
      };
      this.held = held;
      this.consecutiveFailures = 0;
      this.retryAt = 0;
      this.lastError = undefined;
      this.logger.info('credentials refreshed', {
        profile: label,
        expiresAt: credentials.expiration.toISOString(),
        lifetimeSeconds: Math.round((expiresAt - obtainedAt) / 1000),
      });
      return held;
    } catch (thrown) {
      const error = toSyncError(thrown, 'credentials-unavailable');
      this.consecutiveFailures += 1;
      const delay = backoffDelay(this.backoff, this.consecutiveFailures, this.random);
      this.retryAt = clock.now() + delay;
      this.lastError = error;
      this.logger.warn('credential refresh failed', {
        profile: label,
        code: error.code,
        error: error.message,
        retryInSeconds: Math.round(delay / 1000),
      });
      throw this.unavailable(error, delay);
    }
  }

  private unavailable(cause: SyncError, retryAfterMs: number): SyncError {
    // Keep the source's own code and hint: "wrong secret key" must reach the user as such.
    return new SyncError(
      cause.code,
      cause.disposition === 'fatal' ? 'fatal' : 'retry',
      cause.message,
      {
        ...(cause.hint ? { hint: cause.hint } : {}),
        ...(cause.params ? { params: cause.params } : {}),
        retryAfterMs,
        cause,
      },
    );
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

function expiredOnArrival(label: string, expiration: Date, now: number): SyncError {
  return new SyncError(
    'credentials-unavailable',
    'retry',
    `The token for profile "${label}" expired at ${expiration.toISOString()}, before it arrived (local time ${new Date(now).toISOString()}).`,
    {
      hint: "Check this computer's clock (it may be ahead), or ask the token backend for longer-lived tokens.",
    },
  );
}
