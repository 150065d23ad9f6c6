import { describe, expect, it } from 'vitest';

import type { Notice } from '../../../../app/ipc/views.js';
import {
  NATIVE_NOTICE_WORDS,
  nativeNoticeText,
} from '../../../../app/presentation/native-notice-text.js';
import { trayStrings } from '../../../../app/presentation/tray/tray-strings.js';

const notice = (kind: Notice['kind'], values: Notice['words']): Notice => ({
  id: 1,
  level: 'error',
  kind,
  title: 'English title',
  body: 'English body.',
  at: 0,
  ...(values ? { words: values } : {}),
});

const CJK = /[\u4e00-\u9fff]/;

// Issue 13: native notifications were English on a Chinese desktop.
describe('nativeNoticeText', () => {
  const cases: [string, Notice][] = [
    ['one failed upload', notice('sync-failed', { values: { path: 'a.txt' } })],
    ['failed uploads', notice('sync-failed', { values: { count: 3 } })],
    ['failing credentials', notice('credentials-failed', { values: { profile: 'lab' } })],
    ['a drop', notice('drop-finished', { values: { count: 2, destination: 'b/docs/' } })],
    [
      'a partly failed drop',
      notice('drop-finished', {
        values: { done: 1, failed: 1, destination: 'b/docs/', paths: 'x.txt' },
      }),
    ],
  ];

  it.each(cases)('words %s in both Chinese locales, with its values', (_name, input) => {
    for (const locale of Object.keys(NATIVE_NOTICE_WORDS) as ('zh-CN' | 'zh-TW')[]) {
      const text = nativeNoticeText(input, locale);
      expect(CJK.test(text.title)).toBe(true);
      for (const value of Object.values(input.words?.values ?? {})) {
        if (typeof value === 'string') expect(`${text.title} ${text.body}`).toContain(value);
      }
    }
    expect(nativeNoticeText(input, 'en')).toEqual({ title: input.title, body: input.body });
  });

  it('takes the language the tray picked from the app locale', () => {
    const failed = notice('sync-failed', { values: { count: 3 } });
    expect(nativeNoticeText(failed, trayStrings('zh-CN').locale).title).toBe('3 个文件上传失败');
    expect(nativeNoticeText(failed, trayStrings('zh-TW').locale).title).toBe('3 個檔案上傳失敗');
  });

  it('a notice without words (config saved) is shown as sent', () => {
    const saved = notice('config-saved', undefined);
    expect(nativeNoticeText(saved, 'zh-CN')).toEqual({
      title: 'English title',
      body: 'English body.',
    });
  });
});
