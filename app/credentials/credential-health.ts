import type { CredentialStatus } from './credential-broker.js';

/** A token this close to expiry with its refresh failing is "credentials failing", not a hint. */
export const EXPIRY_WARNING_MS = 5 * 60_000;

/**
 * The background scheduler wakes at least every 30 s (refresh-scheduler.ts MAX_NAP_MS); a refresh
 * more than this overdue means nothing is keeping the token fresh, so expiry becomes a real risk.
 */
export const OVERDUE_AFTER_MS = 60_000;

/**
 * What a profile's token means to the user (issue 12, item 2). A token that will simply be
 * renewed is `valid` however short its life: "expiring" is a warning only when it may really
 * run out.
 * - `none`: nothing fetched yet and nothing failed (the first fetch is under way).
 * - `valid`: usable, and renewed at `nextRefreshAt`, before it expires.
 * - `at-risk`: usable now, but the refresh failed (with more than EXPIRY_WARNING_MS left) or
 *   the next possible refresh comes after expiry (or is long overdue).
 * - `failing`: no usable token soon: the refresh failed and the token is missing or expires
 *   within EXPIRY_WARNING_MS.
 * - `expired`: the token held has expired.
 */
export type CredentialHealth = 'none' | 'valid' | 'at-risk' | 'failing' | 'expired';

export function credentialHealthOf(status: CredentialStatus, now: number): CredentialHealth {
  const { state, expiresAt, nextRefreshAt } = status;
  if (expiresAt !== null && expiresAt <= now) return 'expired';
  if (state === 'failing') {
    return expiresAt === null || expiresAt - now <= EXPIRY_WARNING_MS ? 'failing' : 'at-risk';
  }
  if (expiresAt === null) return 'none';
  if (state === 'refreshing') return 'valid';
  // No refresh known (a status from elsewhere): only the last minutes are a risk.
  if (nextRefreshAt === null) return expiresAt - now <= EXPIRY_WARNING_MS ? 'at-risk' : 'valid';
  if (Math.max(nextRefreshAt, now) >= expiresAt) return 'at-risk';
  if (now - nextRefreshAt > OVERDUE_AFTER_MS) return 'at-risk';
  return 'valid';
}

/** Failing or expired: nothing can upload with this profile until it is fixed or recovers. */
export function isCredentialFailing(health: CredentialHealth): boolean {
  return health === 'failing' || health === 'expired';
}
