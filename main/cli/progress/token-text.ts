import type { CredentialStatus } from '../../../app/credentials/credential-broker.js';
import {
  credentialHealthOf,
  type CredentialHealth,
} from '../../../app/credentials/credential-health.js';
import { formatDuration } from '../format-duration.js';

const WORST_FIRST: readonly CredentialHealth[] = ['expired', 'failing', 'at-risk', 'valid', 'none'];

/**
 * The token part of the live block, read the way the tray and the UI read it
 * (credential-health.ts, issue 12): the profile in the worst health, as one short phrase —
 * "token renews in 4m 2s" for a token that will simply be renewed, "token refresh failing, retry
 * in 8s (12m left)", "token expires in 40s, before renewal", "token expired 3s ago", "no valid
 * token"; null with no token yet. Kept short: the block must fit 80 columns.
 */
export function tokenText(statuses: readonly CredentialStatus[], now: number): string | null {
  const rated = statuses.map((status) => ({ status, health: credentialHealthOf(status, now) }));
  rated.sort((a, b) => WORST_FIRST.indexOf(a.health) - WORST_FIRST.indexOf(b.health));
  const worst = rated[0];
  if (!worst) return null;
  const { status, health } = worst;
  const left = status.expiresAt === null ? null : status.expiresAt - now;
  const retry =
    status.retryAt !== null && status.retryAt > now
      ? `, retry in ${formatDuration(status.retryAt - now)}`
      : '';
  switch (health) {
    case 'none':
      return null;
    case 'expired':
      return `token expired ${formatDuration(-(left ?? 0))} ago`;
    case 'failing':
      return left === null
        ? `no valid token${retry}`
        : `token refresh failing${retry} (${formatDuration(left)} left)`;
    case 'at-risk':
      if (status.state === 'failing') {
        return `token refresh failing${retry} (${formatDuration(left ?? 0)} left)`;
      }
      return `token expires in ${formatDuration(left ?? 0)}, before renewal`;
    case 'valid':
      return status.nextRefreshAt !== null && status.nextRefreshAt > now
        ? `token renews in ${formatDuration(status.nextRefreshAt - now)}`
        : 'token renewing';
  }
}
