import {
  credentialHealthOf,
  EXPIRY_WARNING_MS,
} from '../../../app/credentials/credential-health.js';
import type { ErrorView } from '../../../app/errors/sync-error.js';
import type { ProfileView } from '../../../app/ipc/views.js';

export { EXPIRY_WARNING_MS };

/**
 * - failing: the refresh failed (the reason and next attempt are shown); serious once the token
 *   is gone or expires within EXPIRY_WARNING_MS, a warning while it still has longer.
 * - expired: the token held has expired.
 * - late: the token expires before its next refresh can happen.
 * A token that will simply be renewed is no alert at all (issue 12), however short its life.
 */
export type CredentialAlertKind = 'failing' | 'expired' | 'late';

export interface CredentialAlert {
  readonly profileId: string;
  readonly kind: CredentialAlertKind;
  /** Uploads with this profile are blocked (or about to be): shown as an error, not a warning. */
  readonly serious: boolean;
  readonly expiresAt: number | null;
  /** The next attempt after a failure. */
  readonly retryAt: number | null;
  readonly reason: string | null;
  /** The failure itself, for the banner to word it in the UI's language (I18n.error). */
  readonly error: ErrorView | null;
}

/** What, if anything, the banner should say about this profile right now. */
export function credentialAlertOf(profile: ProfileView, now: number): CredentialAlert | null {
  const { status } = profile;
  const health = credentialHealthOf(status, now);
  const alert = (kind: CredentialAlertKind, serious: boolean): CredentialAlert => ({
    profileId: profile.id,
    kind,
    serious,
    expiresAt: status.expiresAt,
    retryAt: status.retryAt,
    reason: status.lastError?.message ?? null,
    error: status.lastError ?? null,
  });
  switch (health) {
    case 'none':
    case 'valid':
      return null;
    case 'expired':
      return alert('expired', true);
    case 'failing':
      return alert('failing', true);
    case 'at-risk':
      return status.state === 'failing' ? alert('failing', false) : alert('late', false);
  }
}

/** Alerts for every profile, the most serious first. */
export function credentialAlerts(
  profiles: readonly ProfileView[],
  now: number,
): readonly CredentialAlert[] {
  const rank: Record<CredentialAlertKind, number> = { failing: 0, expired: 1, late: 2 };
  return profiles
    .map((profile) => credentialAlertOf(profile, now))
    .filter((alert): alert is CredentialAlert => alert !== null)
    .sort((a, b) => Number(b.serious) - Number(a.serious) || rank[a.kind] - rank[b.kind]);
}
