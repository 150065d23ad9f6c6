import type { CredentialStatus } from '../credentials/credential-broker.js';
import type { FolderView, TransferTotals, TrayState } from './views.js';

/** A token this close to expiry (with no fresh one yet) makes the tray warn. */
export const EXPIRY_WARNING_MS = 5 * 60_000;

export interface TrayInputs {
  readonly now: number;
  readonly pausedAll: boolean;
  readonly folders: readonly Pick<FolderView, 'state' | 'lastError' | 'pausedByUser'>[];
  /** Only profiles that folders use: an unused profile's token never matters. */
  readonly credentials: readonly CredentialStatus[];
  readonly totals: Pick<TransferTotals, 'active' | 'queued' | 'waiting' | 'failed'>;
}

/**
 * The one state the tray shows, by precedence: what needs the user's action first. A tray that
 * says "idle" while nothing can upload is the lie users complain about (anchors pain point 11),
 * so an expired token or failing refresh outranks activity.
 */
export function trayStateOf(inputs: TrayInputs): TrayState {
  const { now, credentials, totals, folders } = inputs;
  const expired = credentials.some(
    (status) =>
      status.state === 'failing' &&
      (status.expiresAt === null || status.expiresAt <= now + EXPIRY_WARNING_MS),
  );
  if (expired || credentials.some((s) => s.expiresAt !== null && s.expiresAt <= now)) {
    return 'credentials-expired';
  }
  if (
    credentials.some(
      (s) =>
        s.state === 'failing' ||
        (s.expiresAt !== null &&
          s.expiresAt - now <= EXPIRY_WARNING_MS &&
          s.state !== 'refreshing'),
    )
  ) {
    return 'credentials-expiring';
  }
  if (folders.some((f) => f.state === 'error' || f.lastError !== null) || totals.failed > 0) {
    return 'error';
  }
  const allPaused =
    inputs.pausedAll || (folders.length > 0 && folders.every((f) => f.state === 'paused'));
  if (allPaused) return 'paused';
  if (totals.active + totals.queued + totals.waiting > 0) return 'syncing';
  if (folders.some((f) => f.state === 'scanning')) return 'syncing';
  return 'idle';
}
