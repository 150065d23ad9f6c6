/** The AWS SDK refreshes 5 minutes ahead; short tokens refresh at ~80% of their lifetime. */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
const REFRESH_MARGIN_FRACTION = 0.2;
/** Spread background refreshes over a quarter of the margin so many profiles don't refresh at once. */
const JITTER_FRACTION_OF_MARGIN = 0.25;
/** Stop handing out a token this close to expiry: a request signed now must still be valid when
 *  the server checks it (a slow part upload can take tens of seconds). */
const MAX_SAFETY_MS = 60_000;
const SAFETY_FRACTION = 0.1;

export interface RefreshTiming {
  /** From here on, callers still get this token but a background refresh starts. */
  readonly refreshAt: number;
  /** From here on, callers wait for a fresh token instead of getting this one. */
  readonly usableUntil: number;
}

/**
 * When to refresh a token obtained at `obtainedAt` (ms) that expires at `expiresAt` (ms).
 * Pure; `random` in [0, 1) provides the jitter.
 */
export function planRefresh(
  obtainedAt: number,
  expiresAt: number,
  random: () => number,
): RefreshTiming {
  const lifetime = Math.max(0, expiresAt - obtainedAt);
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetime * REFRESH_MARGIN_FRACTION);
  const jitter = margin * JITTER_FRACTION_OF_MARGIN * random();
  const safety = Math.min(MAX_SAFETY_MS, lifetime * SAFETY_FRACTION);
  return {
    refreshAt: Math.round(expiresAt - margin - jitter),
    usableUntil: Math.round(expiresAt - safety),
  };
}
