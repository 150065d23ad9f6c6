import type { CredentialStatus } from '../../credentials/credential-broker.js';
import {
  credentialHealthOf,
  isCredentialFailing,
  type CredentialHealth,
} from '../../credentials/credential-health.js';
import type { FolderView, TransferTotals, TrayState } from '../../ipc/views.js';

export { EXPIRY_WARNING_MS } from '../../credentials/credential-health.js';

export interface TrayInputs {
  readonly now: number;
  readonly pausedAll: boolean;
  readonly folders: readonly Pick<FolderView, 'state' | 'lastError' | 'pausedByUser'>[];
  /** Only profiles that folders use: an unused profile's token never matters. */
  readonly credentials: readonly CredentialStatus[];
  readonly totals: Pick<TransferTotals, 'active' | 'queued' | 'waiting' | 'failed'>;
  /** The config cannot be used: nothing runs. */
  readonly configError?: boolean;
}

/**
 * The one precedence of states (issue 12, item 2), for the tray, the top bar, every folder card
 * and the CLI: what needs the user's action first.
 *
 *   error > credentials failing > paused > credentials at risk > syncing > idle
 *
 * - error: a broken config, a folder in error, failed transfers — the user must act.
 * - credentials failing (`credentials-expired`): the refresh failed and the token is gone or
 *   expires within minutes; uploads wait. It outranks "paused" and activity: a tray that says
 *   "syncing" while nothing can upload is the lie users complain about (anchors pain point 11).
 * - paused: by the user or by Ferry's safety pause.
 * - credentials at risk (`credentials-expiring`): still usable, but the refresh failed or will
 *   come too late. A token that will simply be renewed is never a warning.
 * - syncing, then idle.
 */
export function trayStateOf(inputs: TrayInputs): TrayState {
  const { now, credentials, totals, folders } = inputs;
  const health = credentials.map((status) => credentialHealthOf(status, now));
  if (
    inputs.configError === true ||
    folders.some((f) => f.state === 'error' || f.lastError !== null) ||
    totals.failed > 0
  ) {
    return 'error';
  }
  if (health.some(isCredentialFailing)) return 'credentials-expired';
  const allPaused =
    inputs.pausedAll || (folders.length > 0 && folders.every((f) => f.state === 'paused'));
  if (allPaused) return 'paused';
  if (health.includes('at-risk')) return 'credentials-expiring';
  if (totals.active + totals.queued + totals.waiting > 0) return 'syncing';
  // A preflight in flight is work under way, like a scan: never "up to date" before it ends.
  if (folders.some((f) => f.state === 'scanning' || f.state === 'checking')) return 'syncing';
  return 'idle';
}

/** A folder card's state: the same precedence, for one folder and its profile's token. */
export type FolderStatus =
  | 'error'
  | 'credentials-failing'
  | 'paused'
  | 'credentials-at-risk'
  | 'checking'
  | 'syncing'
  | 'watching'
  | 'idle';

export interface FolderStatusInputs {
  readonly folder: Pick<FolderView, 'state' | 'lastError' | 'pausedByUser'> & {
    readonly counts: Pick<FolderView['counts'], 'active' | 'queued' | 'failed'>;
  };
  readonly pausedAll: boolean;
  /** The health of the folder's profile's token; null when the profile has no status. */
  readonly credentials: CredentialHealth | null;
}

export function folderStatusOf(inputs: FolderStatusInputs): FolderStatus {
  const { folder, credentials } = inputs;
  if (folder.state === 'error' || folder.lastError !== null || folder.counts.failed > 0) {
    return 'error';
  }
  if (credentials !== null && isCredentialFailing(credentials)) return 'credentials-failing';
  if (inputs.pausedAll || folder.pausedByUser || folder.state === 'paused') return 'paused';
  if (credentials === 'at-risk') return 'credentials-at-risk';
  // Its preflight runs: it has not started, so nothing of it can be syncing yet.
  if (folder.state === 'checking') return 'checking';
  if (folder.state === 'scanning' || folder.counts.active + folder.counts.queued > 0) {
    return 'syncing';
  }
  return folder.state === 'watching' ? 'watching' : 'idle';
}
