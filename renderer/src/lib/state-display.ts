import type { FolderView, ProfileView, TransferView, TrayState } from '../../../app/ipc/views.js';
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

export function trayStateDisplay(state: TrayState): StateDisplay {
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
