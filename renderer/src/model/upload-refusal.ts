import type { FolderView } from '../../../app/ipc/views.js';
import type { MessageKey } from '../i18n/messages.js';

type RefusalFacts = Pick<FolderView, 'blocked'> &
  Partial<Pick<FolderView, 'state' | 'pausedByUser'>>;

/**
 * Why a folder takes no drops or chosen files right now, or null when it does. A folder whose
 * preflight failed (path, bucket, write permission; issue 12) was never started: files sent to
 * it would only fail the same way, and the engine refuses them (request-handlers.ts,
 * upload-receiver.ts), so the card disables "Upload files…" and says why instead of offering it
 * (issue 13). A paused folder (by the user, by "Pause all" or by a safety pause: the engine's
 * folder state is then `paused`) is refused too: upload-receiver.ts answers 409 `folder-paused`
 * so staged bytes do not pile up with nothing to upload them.
 */
export function uploadRefusal(folder: RefusalFacts, pausedAll = false): MessageKey | null {
  if (folder.blocked) return 'uploadRefusedBlocked';
  if (pausedAll || folder.pausedByUser === true || folder.state === 'paused') {
    return 'uploadRefusedPaused';
  }
  return null;
}

/**
 * Why a paused folder is paused, for its card; null when it is not paused or when the engine
 * gave its own reason (a safety pause: pause-reason.tsx shows that reason and the confirm).
 */
export function pauseNote(
  folder: Pick<FolderView, 'pausedByUser' | 'pauseReason' | 'state'>,
  pausedAll: boolean,
): MessageKey | null {
  if (folder.pauseReason !== null) return null;
  if (folder.pausedByUser) return 'folderPausedByYou';
  if (pausedAll || folder.state === 'paused') return 'folderPausedAll';
  return null;
}
