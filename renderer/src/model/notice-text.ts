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
  }
  const error = words.error ? i18n.error(words.error) : null;
  const body = error ? [error.message, error.hint].filter(Boolean).join(' ') : notice.body;
  return { title, body };
}
