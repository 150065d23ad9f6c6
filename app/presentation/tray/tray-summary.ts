import { credentialHealthOf, type CredentialHealth } from '../../credentials/credential-health.js';
import type { ProfileView, UiSnapshot } from '../../ipc/views.js';
import { formatSpeed, type TrayStrings } from './tray-strings.js';

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 with the NUL). */
export const TOOLTIP_MAX_LENGTH = 127;

/**
 * The tray tooltip: "Ferry — syncing 12 files, 3.4 MB/s". One line that never claims more than
 * is true: failures are always counted, even while syncing or paused (a green "up to date" next
 * to failed files is the classic sync-client lie, nextcloud/desktop #229).
 */
export function traySummary(snapshot: UiSnapshot, strings: TrayStrings, now: number): string {
  return truncate(
    `${strings.appName}${strings.titleSeparator}${trayStatus(snapshot, strings, now)}`,
    TOOLTIP_MAX_LENGTH,
  );
}

/** The state in words without the app name: the tooltip's tail and the menu's status line. */
export function trayStatus(snapshot: UiSnapshot, strings: TrayStrings, now: number): string {
  const { totals } = snapshot;
  const failed = totals.failed > 0 ? [strings.failed(totals.failed)] : [];
  const waiting = totals.waiting > 0 ? [strings.waitingForCredentials(totals.waiting)] : [];
  const parts = (...items: string[]) => items.join(strings.listSeparator);
  switch (snapshot.trayState) {
    case 'idle':
      return parts(snapshot.setupNeeded ? strings.notSetUp : strings.upToDate, ...failed);
    case 'syncing': {
      const files = totals.active + totals.queued;
      const speed = totals.bytesPerSecond > 0 ? [formatSpeed(totals.bytesPerSecond)] : [];
      return parts(files > 0 ? strings.syncingFiles(files) : strings.syncing, ...speed, ...failed);
    }
    case 'paused':
      return parts(strings.paused, ...failed);
    case 'error':
      return errorStatus(snapshot, strings);
    case 'credentials-expiring':
    case 'credentials-expired':
      return parts(credentialStatus(snapshot.profiles, strings, now), ...waiting, ...failed);
    default:
      return unexpectedState(snapshot.trayState);
  }
}

function errorStatus(snapshot: UiSnapshot, strings: TrayStrings): string {
  if (snapshot.configError) return strings.configError;
  if (snapshot.totals.failed > 0) return strings.failed(snapshot.totals.failed);
  const folder = snapshot.folders.find((candidate) => candidate.lastError !== null);
  if (folder) return strings.errorInFolder(folder.id);
  const profile = snapshot.profiles.find((candidate) => candidate.status.state === 'failing');
  if (profile) return strings.credentialsFailing(profile.id);
  return strings.error;
}

/** What the most urgent profile's token is doing: expiring in…, expired, or never obtained. */
function credentialStatus(
  profiles: readonly ProfileView[],
  strings: TrayStrings,
  now: number,
): string {
  const profile = mostUrgentProfile(profiles, now);
  if (!profile) return strings.error;
  const { expiresAt } = profile.status;
  if (expiresAt === null) return strings.credentialsFailing(profile.id);
  if (expiresAt <= now) return strings.credentialsExpired(profile.id);
  const remaining = strings.duration(expiresAt - now);
  if (profile.status.state !== 'failing') return strings.credentialsExpireIn(profile.id, remaining);
  // The current token still works, but no new one can be had: say both.
  return [strings.credentialsFailing(profile.id), strings.menu.expiresIn(remaining)].join(
    strings.listSeparator,
  );
}

/**
 * The profile a credential warning is about: given `now`, the one in the worst health first
 * (credential-health.ts: a token that will simply be renewed is never the subject); then one
 * whose refresh is failing before one that is merely due, then the one whose token runs out
 * first (no token at all counts as run out).
 */
export function mostUrgentProfile(
  profiles: readonly ProfileView[],
  now?: number,
): ProfileView | undefined {
  const candidates = profiles.filter(
    (profile) => profile.status.state === 'failing' || profile.status.expiresAt !== null,
  );
  const healthRank: Record<CredentialHealth, number> = {
    expired: 0,
    failing: 0,
    'at-risk': 1,
    valid: 2,
    none: 2,
  };
  const health = (profile: ProfileView) =>
    now === undefined ? 0 : healthRank[credentialHealthOf(profile.status, now)];
  const failingFirst = (profile: ProfileView) => (profile.status.state === 'failing' ? 0 : 1);
  const expiry = (profile: ProfileView) => profile.status.expiresAt ?? Number.NEGATIVE_INFINITY;
  return candidates.sort(
    (a, b) => health(a) - health(b) || failingFirst(a) - failingFirst(b) || expiry(a) - expiry(b),
  )[0];
}

/** Cuts to `maxLength` UTF-16 units (what Windows counts) on a code point boundary, never half
 *  a surrogate pair, and marks the cut with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let kept = '';
  for (const point of text) {
    if (kept.length + point.length > maxLength - 1) break;
    kept += point;
  }
  return `${kept}…`;
}

function unexpectedState(state: never): never {
  throw new Error(`Unexpected tray state ${String(state)}`);
}
