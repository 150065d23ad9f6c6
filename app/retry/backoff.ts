/** Truncated exponential backoff: base·2^(attempt-1), capped at max. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultCredentialBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1-based), with "equal jitter": half the step is fixed
 * and half random, so retries spread out (no thundering herd after an outage) yet never retry
 * immediately. `random` returns [0, 1).
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(step / 2 + (step / 2) * random());
}
