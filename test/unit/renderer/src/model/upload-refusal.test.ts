import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { pauseNote, uploadRefusal } from '../../../../../renderer/src/model/upload-refusal.js';

// Issue 13: a folder whose preflight failed offered "Upload files…" anyway.
describe('uploadRefusal', () => {
  it('refuses uploads to a folder its preflight blocked, and says why in each language', () => {
    const blocked = { blocked: { message: 'Bucket "x" does not exist.', hint: null } };
    const key = uploadRefusal(blocked);
    expect(key).toBe('uploadRefusedBlocked');
    expect(createI18n('en').t(key!)).toMatch(/Sync now/);
    expect(createI18n('zh-CN').t(key!)).toMatch(/立即同步/);
    expect(createI18n('zh-TW').t(key!)).toMatch(/立即同步/);
  });

  it('takes uploads when the folder passed (or has not been checked yet)', () => {
    expect(uploadRefusal({ blocked: null })).toBeNull();
    expect(uploadRefusal({})).toBeNull();
  });
});

// Screenshot review: a paused folder offered "Upload files…" and gave no reason.
describe('a paused folder', () => {
  const folder = { blocked: null, state: 'paused' as const, pausedByUser: true, pauseReason: null };

  it('refuses uploads, as the server does (409 folder-paused), and says so in each language', () => {
    expect(uploadRefusal(folder)).toBe('uploadRefusedPaused');
    expect(uploadRefusal({ ...folder, state: 'watching', pausedByUser: false }, true)).toBe(
      'uploadRefusedPaused',
    );
    expect(uploadRefusal({ ...folder, state: 'watching', pausedByUser: false })).toBeNull();
    expect(createI18n('en').t('uploadRefusedPaused')).toMatch(/paused/);
    expect(createI18n('zh-CN').t('uploadRefusedPaused')).toMatch(/已暂停/);
    expect(createI18n('zh-TW').t('uploadRefusedPaused')).toMatch(/已暫停/);
  });

  it('says who paused it, unless the engine gave its own reason', () => {
    expect(pauseNote(folder, false)).toBe('folderPausedByYou');
    expect(createI18n('zh-CN').t('folderPausedByYou')).toBe('已由你暂停');
    expect(pauseNote({ ...folder, pausedByUser: false }, true)).toBe('folderPausedAll');
    expect(pauseNote({ ...folder, pauseReason: 'Mass delete held.' }, false)).toBeNull();
    expect(pauseNote({ ...folder, state: 'watching', pausedByUser: false }, false)).toBeNull();
  });
});
