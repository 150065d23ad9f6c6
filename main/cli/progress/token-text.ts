import type { CredentialStatus } from '../../../app/credentials/credential-broker.js';
import { formatDuration } from '../format-duration.js';

/**
 * The token part of the live block: the earliest-expiring profile's token, as one short phrase
 * ("token 14m 59s", "token expired 3s ago", "waiting for credentials"); null with no token yet.
 * Owned with issue 12's state precedence (H9); kept short: the block must fit 80 columns.
 */
export function tokenText(statuses: readonly CredentialStatus[], now: number): string | null {
  const expiries = statuses.map((s) => s.expiresAt).filter((e): e is number => e !== null);
  if (expiries.length === 0) {
    return statuses.some((s) => s.state === 'failing') ? 'no valid token' : null;
  }
  const left = Math.min(...expiries) - now;
  return left < 0
    ? `token expired ${formatDuration(-left)} ago`
    : `token ${formatDuration(left)} left`;
}
