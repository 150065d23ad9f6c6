import type { FolderView } from '../../../app/ipc/views.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * Why a folder takes no drops or chosen files right now, or null when it does. A folder whose
 * preflight failed (path, bucket, write permission; issue 12) was never started: files sent to
 * it would only fail the same way, and the engine refuses them (request-handlers.ts,
 * upload-receiver.ts), so the card disables "Upload files…" and says why instead of offering it
 * (issue 13).
 */
export function uploadRefusal(folder: Pick<FolderView, 'blocked'>): MessageKey | null {
  return folder.blocked ? 'uploadRefusedBlocked' : null;
}
