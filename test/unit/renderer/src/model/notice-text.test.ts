import { describe, expect, it } from 'vitest';

import { NoticeCenter } from '../../../../../app/presentation/notice-center.js';
import type { Notice } from '../../../../../app/ipc/views.js';
import type { Transfer } from '../../../../../app/transfer/transfer-queue.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { noticeText } from '../../../../../renderer/src/model/notice-text.js';

// Issue 13: toasts word the engine's notices in the UI's language (the English title and body
// stay for native notifications).
function noticesOf(feed: (center: NoticeCenter) => void): Notice[] {
  const notices: Notice[] = [];
  const timers: (() => void)[] = [];
  const center = new NoticeCenter(
    () => 1_000_000,
    (_delay, run) => {
      timers.push(run);
      return () => undefined;
    },
    (notice) => notices.push(notice),
  );
  feed(center);
  for (const run of timers.splice(0)) run();
  return notices;
}

const failed = {
  id: 7,
  folderId: 'docs',
  relativePath: 'a.txt',
  kind: 'upload',
  origin: 'sync',
  drop: null,
  size: 1,
  bytesDone: 0,
  state: 'failed',
  retryAt: null,
  error: {
    code: 'access-denied',
    message: 'PutObject a.txt: denied by the store (AccessDenied), even with fresh credentials.',
    hint: 'The policy does not allow it.',
    params: { action: 'PutObject a.txt', status: 403, storeCode: 'AccessDenied' },
  },
  note: null,
  partsReused: 0,
  startedAt: 1,
  finishedAt: 2,
} as unknown as Transfer;

describe('noticeText', () => {
  it('words a failed upload in zh-CN, and keeps the English in en', () => {
    const [notice] = noticesOf((center) => center.onEvent({ type: 'transfer', transfer: failed }));
    if (!notice) throw new Error('no notice');
    expect(noticeText(notice, createI18n('en'))).toEqual({
      title: notice.title,
      body: notice.body,
    });
    const zh = noticeText(notice, createI18n('zh-CN'));
    expect(zh.title).toBe('上传失败：a.txt');
    expect(zh.body).toMatch(/^存储服务拒绝访问（AccessDenied）.*（PutObject a\.txt）/);
  });

  it('words failing credentials in zh-TW', () => {
    const [notice] = noticesOf((center) =>
      center.onEvent({
        type: 'credentials',
        profileId: 'lab',
        status: {
          state: 'failing',
          expiresAt: null,
          nextRefreshAt: null,
          lastRefreshAt: null,
          lastError: { code: 'credentials-unavailable', message: 'No token.' },
          retryAt: 5,
        },
      }),
    );
    if (!notice) throw new Error('no notice');
    const zh = noticeText(notice, createI18n('zh-TW'));
    expect(zh.title).toBe('無法重新整理 "lab" 的憑證');
    expect(zh.body).toContain('目前無法取得有效的權杖。');
  });

  it('shows a notice without words as sent', () => {
    const notice: Notice = {
      id: 1,
      level: 'info',
      kind: 'config-saved',
      title: 'Saved',
      body: 'b',
      at: 0,
    };
    expect(noticeText(notice, createI18n('zh-CN'))).toEqual({ title: 'Saved', body: 'b' });
  });
});

describe('noticeText of a finished drop (issue 13)', () => {
  const done = (id: number, state: 'done' | 'failed', relativePath: string) =>
    ({ ...failed, id, state, relativePath, origin: 'drop' }) as unknown as Transfer;

  it('words a drop batch by its values in each language', () => {
    const [clean] = noticesOf((center) => {
      center.trackDropBatch('bucket/docs/', [1, 2]);
      center.onEvent({ type: 'transfer', transfer: done(1, 'done', 'a.txt') });
      center.onEvent({ type: 'transfer', transfer: done(2, 'done', 'b.txt') });
    });
    if (!clean) throw new Error('no notice');
    expect(noticeText(clean, createI18n('en'))).toEqual({ title: clean.title, body: clean.body });
    expect(noticeText(clean, createI18n('zh-CN'))).toEqual({
      title: '已上传 2 个拖放的文件',
      body: '目标：bucket/docs/。',
    });
    const [partly] = noticesOf((center) => {
      center.trackDropBatch('bucket/docs/', [1, 2]);
      center.onEvent({ type: 'transfer', transfer: done(1, 'done', 'a.txt') });
      center.onEvent({ type: 'transfer', transfer: done(2, 'failed', 'b.txt') });
    });
    if (!partly) throw new Error('no notice');
    expect(noticeText(partly, createI18n('en'))).toEqual({
      title: partly.title,
      body: partly.body,
    });
    expect(noticeText(partly, createI18n('zh-TW'))).toEqual({
      title: '拖放的檔案：已上傳 1 個，1 個未上傳',
      body: '目標：bucket/docs/。未上傳：b.txt',
    });
  });
});
