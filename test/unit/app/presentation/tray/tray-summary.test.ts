import { describe, expect, it } from 'vitest';

import type { UiSnapshot } from '../../../../../app/ipc/views.js';
import {
  mostUrgentProfile,
  TOOLTIP_MAX_LENGTH,
  traySummary,
  truncate,
} from '../../../../../app/presentation/tray/tray-summary.js';
import { trayStrings } from '../../../../../app/presentation/tray/tray-strings.js';
import { aFolder, aProfile, aSnapshot, NOW } from './ui-snapshot.js';

const totals = (t: Partial<UiSnapshot['totals']>): UiSnapshot['totals'] => ({
  queued: 0,
  active: 0,
  waiting: 0,
  failed: 0,
  done: 0,
  bytesPerSecond: 0,
  ...t,
});
const min = 60_000;

describe('traySummary', () => {
  it.each<[string, Partial<UiSnapshot>, string]>([
    ['idle', {}, 'Ferry — up to date'],
    ['first run', { setupNeeded: true, folders: [] }, 'Ferry — not set up yet'],
    [
      'idle but something failed',
      { totals: totals({ failed: 2 }) },
      'Ferry — up to date, 2 failed',
    ],
    [
      'syncing with speed',
      { trayState: 'syncing', totals: totals({ active: 4, queued: 8, bytesPerSecond: 3_400_000 }) },
      'Ferry — syncing 12 files, 3.4 MB/s',
    ],
    [
      'syncing one file, no speed measured yet',
      { trayState: 'syncing', totals: totals({ queued: 1 }) },
      'Ferry — syncing 1 file',
    ],
    ['scanning (nothing queued yet)', { trayState: 'syncing' }, 'Ferry — syncing'],
    [
      'syncing with failures',
      { trayState: 'syncing', totals: totals({ active: 1, failed: 3 }) },
      'Ferry — syncing 1 file, 3 failed',
    ],
    ['paused', { trayState: 'paused', pausedAll: true }, 'Ferry — paused'],
    [
      'paused with failures',
      { trayState: 'paused', totals: totals({ failed: 1 }) },
      'Ferry — paused, 1 failed',
    ],
    ['failed transfers', { trayState: 'error', totals: totals({ failed: 2 }) }, 'Ferry — 2 failed'],
    [
      'broken config',
      { trayState: 'error', configError: { message: 'bad yaml', hint: null } },
      'Ferry — the configuration cannot be used',
    ],
    [
      'a folder in error',
      { trayState: 'error', folders: [aFolder(), aFolder({ id: 'pics', lastError: 'gone' })] },
      "Ferry — error in folder 'pics'",
    ],
    ['an error with no detail', { trayState: 'error' }, 'Ferry — needs attention'],
    [
      'token about to expire',
      {
        trayState: 'credentials-expiring',
        profiles: [aProfile('lab', { expiresAt: NOW + 4 * min + 30_000 })],
      },
      "Ferry — credentials for 'lab' expire in 4 min",
    ],
    [
      'refresh failing while the token still works',
      {
        trayState: 'credentials-expiring',
        profiles: [aProfile('lab', { state: 'failing', expiresAt: NOW + 40 * min })],
      },
      "Ferry — credentials for 'lab' cannot be refreshed, expires in 40 min",
    ],
    [
      'token expired, transfers waiting',
      {
        trayState: 'credentials-expired',
        profiles: [aProfile('lab', { state: 'failing', expiresAt: NOW - min })],
        totals: totals({ waiting: 30 }),
      },
      "Ferry — credentials for 'lab' expired, 30 waiting for credentials",
    ],
    [
      'never had a token',
      {
        trayState: 'credentials-expired',
        profiles: [aProfile('lab', { state: 'failing', expiresAt: null })],
      },
      "Ferry — credentials for 'lab' cannot be refreshed",
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(traySummary(aSnapshot(overrides), trayStrings('en'), NOW)).toBe(expected);
  });

  it('speaks Chinese', () => {
    const syncing = aSnapshot({
      trayState: 'syncing',
      totals: totals({ active: 2, queued: 10, bytesPerSecond: 3_400_000 }),
    });
    expect(traySummary(syncing, trayStrings('zh-CN'), NOW)).toBe(
      'Ferry — 正在同步 12 个文件，3.4 MB/s',
    );
    const expiring = aSnapshot({
      trayState: 'credentials-expiring',
      profiles: [aProfile('lab', { expiresAt: NOW + 4 * min })],
    });
    expect(traySummary(expiring, trayStrings('zh-TW'), NOW)).toBe(
      'Ferry — 「lab」的憑證將在 4 分鐘後過期',
    );
  });

  it('fits a Windows tooltip', () => {
    const longId = 'f'.repeat(60);
    const snapshot = aSnapshot({
      trayState: 'credentials-expired',
      profiles: [aProfile(longId, { state: 'failing', expiresAt: null })],
      totals: totals({ waiting: 12_345, failed: 6_789 }),
    });
    const summary = traySummary(snapshot, trayStrings('en'), NOW);
    expect(summary.length).toBe(TOOLTIP_MAX_LENGTH);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('mostUrgentProfile', () => {
  it('prefers a failing refresh, then the soonest expiry, and ignores healthy tokenless ones', () => {
    const soon = aProfile('soon', { expiresAt: NOW + min });
    const later = aProfile('later', { expiresAt: NOW + 30 * min });
    const failing = aProfile('failing', { state: 'failing', expiresAt: NOW + 20 * min });
    const none = aProfile('none', { state: 'none', expiresAt: null });
    expect(mostUrgentProfile([later, soon, none])?.id).toBe('soon');
    expect(mostUrgentProfile([later, soon, failing])?.id).toBe('failing');
    expect(mostUrgentProfile([none])).toBeUndefined();
  });

  it('given the time, names the profile whose token may really run out, not one that will simply be renewed', () => {
    const renewed = aProfile('renewed', { expiresAt: NOW + 60_000, nextRefreshAt: NOW + 10_000 });
    const late = aProfile('late', { expiresAt: NOW + 240_000, nextRefreshAt: NOW + 300_000 });
    expect(mostUrgentProfile([renewed, late])?.id).toBe('renewed');
    expect(mostUrgentProfile([renewed, late], NOW)?.id).toBe('late');
  });
});

describe('truncate', () => {
  it.each<[string, number, string]>([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['abcdefghijk', 10, 'abcdefghi…'],
    ['ab😀😀😀', 5, 'ab😀…'],
    ['ab😀😀😀', 4, 'ab…'],
  ])('%j to %d → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});
