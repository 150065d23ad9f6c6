import type { ProfileView } from '../../../app/ipc/views.js';

/** A token is "expiring" when less than this is left (the app-wide banner appears). */
export const EXPIRY_WARNING_MS = 5 * 60_000;

export type CredentialAlertKind = 'failing' | 'expired' | 'expiring' | 'no-token';

export interface CredentialAlert {
  readonly profileId: string;
  readonly kind: CredentialAlertKind;
  readonly expiresAt: number | null;
}

/** What, if anything, the banner should say about this profile right now. */
export function credentialAlertOf(profile: ProfileView, now: number): CredentialAlert | null {
  const { state, expiresAt } = profile.status;
  const alert = (kind: CredentialAlertKind): CredentialAlert => ({
    profileId: profile.id,
    kind,
    expiresAt,
  });
  if (state === 'failing') return alert('failing');
  // The first fetch is under way: nothing is wrong yet.
  if (state === 'refreshing' && (expiresAt === null || expiresAt > now)) return null;
  if (expiresAt === null) return alert('no-token');
  if (expiresAt <= now) return alert('expired');
  if (expiresAt - now <= EXPIRY_WARNING_MS) return alert('expiring');
  return null;
}

/** Alerts for every profile, the most serious first. */
export function credentialAlerts(
  profiles: readonly ProfileView[],
  now: number,
): readonly CredentialAlert[] {
  const rank: Record<CredentialAlertKind, number> = {
    failing: 0,
    expired: 1,
    'no-token': 2,
    expiring: 3,
  };
  return profiles
    .map((profile) => credentialAlertOf(profile, now))
    .filter((alert): alert is CredentialAlert => alert !== null)
    .sort((a, b) => rank[a.kind] - rank[b.kind]);
}
