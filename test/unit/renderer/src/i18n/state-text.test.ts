import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import {
  isFolderPaused,
  pausedFolderIds,
} from '../../../../../renderer/src/model/state-display.js';
import { transferStateText } from '../../../../../renderer/src/model/transfer-state-text.js';
import { transfer } from '../fakes/views.js';

const en = createI18n('en');
const NOW = 1_700_000_000_000;

describe('transferStateText', () => {
  it('counts down to the next attempt of a retrying row', () => {
    const row = transfer({ id: 1, state: 'retrying', retryAt: NOW + 11_200 });
    expect(transferStateText(row, NOW, en)).toBe('Retrying in 12s');
  });

  it('shows the wait of a row blocked on credentials', () => {
    const row = transfer({ id: 1, state: 'waiting-for-credentials', retryAt: NOW + 65_000 });
    expect(transferStateText(row, NOW, en)).toBe('Waiting for credentials (1m 05s)');
    expect(transferStateText({ ...row, retryAt: NOW - 500 }, NOW, en)).toBe(
      'Waiting for credentials (0s)',
    );
  });

  it('leaves other states to their plain label', () => {
    expect(transferStateText(transfer({ id: 1, state: 'uploading' }), NOW, en)).toBeUndefined();
    expect(transferStateText(transfer({ id: 1, state: 'retrying' }), NOW, en)).toBeUndefined();
  });
});

describe('isFolderPaused', () => {
  const folder = {
    id: 'docs',
    path: '/d',
    profileId: 'p',
    bucket: 'b',
    prefix: '',
    mode: 'upload' as const,
    state: 'watching' as const,
    pausedByUser: false,
    pauseReason: null,
    lastScanAt: null,
    lastError: null,
    counts: { files: 0, queued: 0, active: 0, failed: 0, skipped: 0 },
    problems: [],
  };

  it('is paused by the user, by pause-all, or by Ferry itself', () => {
    expect(isFolderPaused(folder, false)).toBe(false);
    expect(isFolderPaused({ ...folder, pausedByUser: true }, false)).toBe(true);
    expect(isFolderPaused(folder, true)).toBe(true);
    expect(isFolderPaused({ ...folder, state: 'paused' }, false)).toBe(true);
  });

  it('knows which folders are paused', () => {
    const snapshot = {
      pausedAll: false,
      folders: [
        { ...folder, id: 'a', pausedByUser: true },
        { ...folder, id: 'b' },
      ],
    };
    expect([...pausedFolderIds(snapshot)]).toEqual(['a']);
    expect([...pausedFolderIds({ ...snapshot, pausedAll: true })]).toEqual(['a', 'b']);
  });
});

// Screenshot review: queued rows of a paused folder said "Queued", with nothing about the pause;
// a folder card with failed uploads did not say what failed.
describe('a paused folder in the Transfers view', () => {
  it('words its queued rows "Paused" in each language', () => {
    const row = transfer({ id: 1, state: 'queued' });
    expect(transferStateText(row, NOW, en, true)).toBe('Paused');
    expect(transferStateText(row, NOW, createI18n('zh-CN'), true)).toBe('已暂停');
    expect(transferStateText(row, NOW, createI18n('zh-TW'), true)).toBe('已暫停');
    expect(transferStateText(row, NOW, en, false)).toBeUndefined();
    expect(transferStateText(transfer({ id: 2, state: 'done' }), NOW, en, true)).toBeUndefined();
  });
});

describe('a folder card with failed uploads', () => {
  it('says how many failed and where to look, in each language', () => {
    expect(en.tp('folderUploadsFailed', 1)).toBe('1 upload failed — see Transfers');
    expect(en.tp('folderUploadsFailed', 3)).toBe('3 uploads failed — see Transfers');
    expect(createI18n('zh-CN').tp('folderUploadsFailed', 1)).toBe('1 个上传失败 — 查看“传输”');
    expect(createI18n('zh-TW').tp('folderUploadsFailed', 2)).toBe('2 個上傳失敗 — 查看「傳輸」');
  });
});
