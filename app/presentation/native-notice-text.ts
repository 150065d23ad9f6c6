import type { Notice } from '../ipc/views.js';
import type { TrayLocale } from './tray/tray-strings.js';

/**
 * A notice's title (and, for drops, its body) in the desktop's language, for native
 * notifications (issue 13: they were English in a Chinese desktop). The language is the one the
 * tray words itself in (tray-strings.ts, from the app's locale); the words come from the
 * notice's `words.values`, never from its English text. An error's own message stays as the
 * engine wrote it: its translations live with the window (renderer/src/i18n/errors/).
 */
export function nativeNoticeText(
  notice: Notice,
  locale: TrayLocale,
): { readonly title: string; readonly body: string } {
  const values = notice.words?.values;
  if (!values || locale === 'en') return { title: notice.title, body: notice.body };
  const words = WORDS[locale];
  const v = (name: string): string => String(values[name] ?? '');
  switch (notice.kind) {
    case 'sync-failed':
      if (values.count !== undefined) {
        return { title: words.uploadsFailed(v('count')), body: notice.body };
      }
      if (values.path !== undefined) {
        return { title: words.uploadFailed(v('path')), body: notice.body };
      }
      break;
    case 'credentials-failed':
      if (values.profile !== undefined) {
        return { title: words.credentialsFailed(v('profile')), body: notice.body };
      }
      break;
    case 'drop-finished':
      if (values.failed !== undefined) {
        return {
          title: words.dropPartly(v('done'), v('failed')),
          body: words.dropNotUploaded(v('destination'), v('paths')),
        };
      }
      if (values.count !== undefined) {
        return { title: words.dropDone(v('count')), body: words.dropTo(v('destination')) };
      }
      break;
    case 'config-saved':
      break;
  }
  return { title: notice.title, body: notice.body };
}

interface NoticeWords {
  readonly uploadFailed: (path: string) => string;
  readonly uploadsFailed: (count: string) => string;
  readonly credentialsFailed: (profile: string) => string;
  readonly dropDone: (count: string) => string;
  readonly dropTo: (destination: string) => string;
  readonly dropPartly: (done: string, failed: string) => string;
  readonly dropNotUploaded: (destination: string, paths: string) => string;
}

/** Each language's words; English is the notice's own text. Kept in step with the window's
 *  (renderer/src/i18n/<lang>/transfers.ts, notice*). */
export const NATIVE_NOTICE_WORDS: Readonly<Record<Exclude<TrayLocale, 'en'>, NoticeWords>> = {
  'zh-CN': {
    uploadFailed: (path) => `上传失败：${path}`,
    uploadsFailed: (count) => `${count} 个文件上传失败`,
    credentialsFailed: (profile) => `无法刷新 "${profile}" 的凭证`,
    dropDone: (count) => `已上传 ${count} 个拖放的文件`,
    dropTo: (destination) => `目标：${destination}。`,
    dropPartly: (done, failed) => `拖放的文件：已上传 ${done} 个，${failed} 个未上传`,
    dropNotUploaded: (destination, paths) => `目标：${destination}。未上传：${paths}`,
  },
  'zh-TW': {
    uploadFailed: (path) => `上傳失敗：${path}`,
    uploadsFailed: (count) => `${count} 個檔案上傳失敗`,
    credentialsFailed: (profile) => `無法重新整理 "${profile}" 的憑證`,
    dropDone: (count) => `已上傳 ${count} 個拖放的檔案`,
    dropTo: (destination) => `目標：${destination}。`,
    dropPartly: (done, failed) => `拖放的檔案：已上傳 ${done} 個，${failed} 個未上傳`,
    dropNotUploaded: (destination, paths) => `目標：${destination}。未上傳：${paths}`,
  },
};

const WORDS = NATIVE_NOTICE_WORDS;
