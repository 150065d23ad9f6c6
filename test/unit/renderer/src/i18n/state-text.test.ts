import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { isFolderPaused } from '../../../../../renderer/src/model/state-display.js';
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
});
