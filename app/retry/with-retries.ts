import { isCredentialError } from '../errors/credential-errors.js';
import { toSyncError, type SyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';

export interface RetryOptions {
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  /** Attempts for `retry` errors (the first try included). Credential waits do not count. */
  readonly maxAttempts: number;
  /** Give up at once on a fatal credential error (wrong key…) instead of waiting for a fix:
   *  what `ferry sync --once` wants; the long-running engine waits. */
  readonly failOnFatalCredentials: boolean;
  /** Told before each wait, for the UI ("retrying in 4 s", "waiting for credentials"). */
  readonly onWait?: (wait: RetryWait) => void;
  /** Checked before each new attempt: stop retrying (engine stopping). */
  readonly cancelled?: () => boolean;
  /** Resolves when the engine stops: a wait (up to a minute for credentials) ends at once, so a
   *  closing session does not keep a transfer alive past its journal. */
  readonly stopping?: Promise<void>;
}

export interface RetryWait {
  readonly reason: 'retry' | 'credentials';
  readonly delayMs: number;
  readonly attempt: number;
  readonly error: SyncError;
}

/**
 * The one retry loop of the engine (DESIGN.md §4: retry is a decorator, never loops scattered
 * through the code). `retry` errors back off exponentially with jitter up to `maxAttempts`;
 * credential errors wait for the broker's next attempt without using up attempts; `no-retry`
 * and `fatal` errors are thrown at once.
 */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  let attempt = 0;
  let credentialWaits = 0;
  for (;;) {
    try {
      return await operation();
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (options.cancelled?.()) throw error;
      if (isCredentialError(error)) {
        if (error.disposition === 'fatal' && options.failOnFatalCredentials) throw error;
        credentialWaits += 1;
        const delayMs =
          error.retryAfterMs ?? backoffDelay(options.backoff, credentialWaits, options.random);
        options.onWait?.({ reason: 'credentials', delayMs, attempt, error });
        await waitUnlessStopped(options, delayMs);
        if (options.cancelled?.()) throw error;
        continue;
      }
      attempt += 1;
      if (error.disposition !== 'retry' || attempt >= options.maxAttempts) throw error;
      const delayMs = error.retryAfterMs ?? backoffDelay(options.backoff, attempt, options.random);
      options.onWait?.({ reason: 'retry', delayMs, attempt, error });
      await waitUnlessStopped(options, delayMs);
      if (options.cancelled?.()) throw error;
    }
  }
}

function waitUnlessStopped(options: RetryOptions, delayMs: number): Promise<void> {
  const sleep = options.clock.sleep(delayMs);
  return options.stopping ? Promise.race([sleep, options.stopping]) : sleep;
}
