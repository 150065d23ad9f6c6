import type { TransferView } from '../../../app/ipc/views.js';
import type { I18n } from '../i18n/i18n.js';

/** The state word, with the countdown for rows waiting to run again; a queued row of a paused
 *  folder says "Paused" (the screenshot review: "Queued" hid why nothing moved). */
export function transferStateText(
  transfer: TransferView,
  now: number,
  i18n: I18n,
  folderPaused = false,
): string | undefined {
  if (transfer.state === 'queued' && folderPaused) return i18n.t('queuedPaused');
  const wait =
    transfer.retryAt === null ? null : i18n.duration(Math.max(0, transfer.retryAt - now) + 999);
  if (transfer.state === 'retrying' && wait !== null) {
    return i18n.t('retryingIn', { duration: wait });
  }
  if (transfer.state === 'waiting-for-credentials' && wait !== null) {
    return i18n.t('waitingForCredentialsIn', { duration: wait });
  }
  return undefined;
}
