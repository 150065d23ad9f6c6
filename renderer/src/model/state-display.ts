import type { CredentialHealth } from '../../../app/credentials/credential-health.js';
import type { FolderStatus } from '../../../app/presentation/tray/tray-state.js';
import type {
  FolderView,
  ProfileView,
  TransferView,
  TrayState,
  UiSnapshot,
} from '../../../app/ipc/views.js';
import type { MessageKey } from '../i18n/messages.js';

/** How a state looks: a colour tone plus an icon and a word, so colour is never the only cue. */
export interface StateDisplay {
  readonly tone: 'neutral' | 'active' | 'ok' | 'warn' | 'error';
  readonly icon: string;
  readonly label: MessageKey;
}

export function folderStateDisplay(state: FolderView['state']): StateDisplay {
  switch (state) {
    case 'idle':
      return { tone: 'ok', icon: '✓', label: 'folderStateIdle' };
    case 'scanning':
      return { tone: 'active', icon: '⟳', label: 'folderStateScanning' };
    case 'checking':
      return { tone: 'active', icon: '…', label: 'folderStateChecking' };
    case 'watching':
      return { tone: 'ok', icon: '◉', label: 'folderStateWatching' };
    case 'paused':
      return { tone: 'warn', icon: '❚❚', label: 'folderStatePaused' };
    case 'error':
      return { tone: 'error', icon: '⚠', label: 'folderStateError' };
  }
}

export function transferStateDisplay(state: TransferView['state']): StateDisplay {
  switch (state) {
    case 'queued':
      return { tone: 'neutral', icon: '⋯', label: 'transferStateQueued' };
    case 'uploading':
      return { tone: 'active', icon: '↑', label: 'transferStateUploading' };
    case 'deleting':
      return { tone: 'active', icon: '⌫', label: 'transferStateDeleting' };
    case 'retrying':
      return { tone: 'warn', icon: '↻', label: 'transferStateRetrying' };
    case 'waiting-for-credentials':
      return { tone: 'warn', icon: '◷', label: 'transferStateWaiting' };
    case 'done':
      return { tone: 'ok', icon: '✓', label: 'transferStateDone' };
    case 'failed':
      return { tone: 'error', icon: '✕', label: 'transferStateFailed' };
    case 'skipped':
      return { tone: 'neutral', icon: '↷', label: 'transferStateSkipped' };
  }
}

/** The global state (tray precedence, app/presentation/tray/tray-state.ts); nothing is "up to date" before
 *  anything is set up (issue 12). */
export function trayStateDisplay(state: TrayState, setupNeeded = false): StateDisplay {
  if (setupNeeded) return { tone: 'neutral', icon: '○', label: 'trayNotSetUp' };
  switch (state) {
    case 'idle':
      return { tone: 'ok', icon: '✓', label: 'trayIdle' };
    case 'syncing':
      return { tone: 'active', icon: '⟳', label: 'traySyncing' };
    case 'paused':
      return { tone: 'warn', icon: '❚❚', label: 'trayPaused' };
    case 'error':
      return { tone: 'error', icon: '⚠', label: 'trayError' };
    case 'credentials-expiring':
      return { tone: 'warn', icon: '◷', label: 'trayCredentialsExpiring' };
    case 'credentials-expired':
      return { tone: 'error', icon: '⚠', label: 'trayCredentialsExpired' };
  }
}

/** A folder card's badge, from the shared precedence (folderStatusOf). */
export function folderStatusDisplay(status: FolderStatus): StateDisplay {
  switch (status) {
    case 'error':
      return folderStateDisplay('error');
    case 'credentials-failing':
      return { tone: 'error', icon: '⚠', label: 'folderStateCredentialsFailing' };
    case 'paused':
      return folderStateDisplay('paused');
    case 'credentials-at-risk':
      return { tone: 'warn', icon: '◷', label: 'folderStateCredentialsAtRisk' };
    case 'checking':
      return folderStateDisplay('checking');
    case 'syncing':
      return { tone: 'active', icon: '⟳', label: 'folderStateSyncing' };
    case 'watching':
      return folderStateDisplay('watching');
    case 'idle':
      return folderStateDisplay('idle');
  }
}

/**
 * A credential card's badge from the token's health (credential-health.ts): a token that will be
 * renewed is "Valid, renews at HH:MM" (the caller fills {time}), never a warning.
 */
export function credentialHealthDisplay(
  health: CredentialHealth,
  state: ProfileView['status']['state'],
): StateDisplay {
  switch (health) {
    case 'none':
      return credentialStateDisplay(state === 'refreshing' ? 'refreshing' : 'none');
    case 'valid':
      return state === 'refreshing'
        ? credentialStateDisplay('refreshing')
        : { tone: 'ok', icon: '✓', label: 'credentialStateRenews' };
    case 'at-risk':
      return state === 'failing'
        ? { tone: 'warn', icon: '⚠', label: 'credentialStateFailing' }
        : { tone: 'warn', icon: '◷', label: 'credentialStateLate' };
    case 'failing':
      return credentialStateDisplay('failing');
    case 'expired':
      return { tone: 'error', icon: '⚠', label: 'credentialStateExpired' };
  }
}

export function credentialStateDisplay(state: ProfileView['status']['state']): StateDisplay {
  switch (state) {
    case 'none':
      return { tone: 'neutral', icon: '○', label: 'credentialStateNone' };
    case 'valid':
      return { tone: 'ok', icon: '✓', label: 'credentialStateValid' };
    case 'refreshing':
      return { tone: 'active', icon: '⟳', label: 'credentialStateRefreshing' };
    case 'failing':
      return { tone: 'error', icon: '⚠', label: 'credentialStateFailing' };
  }
}

/** Paused by the user, by "pause all", or by Ferry itself (a mass delete to confirm). */
export function isFolderPaused(folder: FolderView, pausedAll: boolean): boolean {
  return pausedAll || folder.pausedByUser || folder.state === 'paused';
}

/** The ids of the paused folders, for the Transfers view's queued rows. */
export function pausedFolderIds(
  snapshot: Pick<UiSnapshot, 'folders' | 'pausedAll'>,
): ReadonlySet<string> {
  return new Set(
    snapshot.folders.filter((f) => isFolderPaused(f, snapshot.pausedAll)).map((f) => f.id),
  );
}
