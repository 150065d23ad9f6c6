import type { Notice } from '../../../app/ipc/views.js';
import type { I18n } from '../i18n/i18n.js';

/**
 * A notice's title and body in the UI's language (issue 13): the engine sends English for native
 * notifications and the log, plus the values and error to word it here. Notices without them
 * (or of a kind without a text) are shown as sent.
 */
export function noticeText(notice: Notice, i18n: I18n): { title: string; body: string } {
  const { words } = notice;
  if (!words) return { title: notice.title, body: notice.body };
  const { values } = words;
  let title = notice.title;
  if (notice.kind === 'sync-failed') {
    if (typeof values.count === 'number') title = i18n.t('noticeUploadsFailed', values);
    else if (values.path !== undefined) title = i18n.t('noticeUploadFailed', values);
  } else if (notice.kind === 'credentials-failed' && values.profile !== undefined) {
    title = i18n.t('noticeCredentialsFailed', values);
  } else if (notice.kind === 'drop-finished') {
    // A drop batch's end (notice-center.ts): no error, its words are all in the values.
    if (typeof values.failed === 'number') {
      return {
        title: i18n.t('noticeDropPartly', values),
        body: i18n.t('noticeDropNotUploaded', values),
      };
    }
    if (typeof values.count === 'number') {
      return {
        title: i18n.tp('noticeDropDone', values.count),
        body: i18n.t('noticeDropTo', values),
      };
    }
  }
  const error = words.error ? i18n.error(words.error) : null;
  const body = error ? [error.message, error.hint].filter(Boolean).join(' ') : notice.body;
  return { title, body };
}
