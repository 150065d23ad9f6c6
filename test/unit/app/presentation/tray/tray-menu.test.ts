import { describe, expect, it } from 'vitest';

import type { UiSnapshot } from '../../../../../app/ipc/views.js';
import {
  buildTrayMenu,
  middleTruncate,
  type TrayMenuItem,
} from '../../../../../app/presentation/tray/tray-menu.js';
import { trayStrings } from '../../../../../app/presentation/tray/tray-strings.js';
import { aFolder, aProfile, aSnapshot, aTransfer, NOW } from './ui-snapshot.js';

const en = trayStrings('en');

function menu(overrides: Partial<UiSnapshot> = {}, recent = [aTransfer(1, 'docs/a.txt')]) {
  return buildTrayMenu({ snapshot: aSnapshot(overrides), recent, strings: en, now: NOW });
}

function item(items: readonly TrayMenuItem[], id: string): TrayMenuItem {
  const found = items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id} in ${items.map((i) => i.id).join(', ')}`);
  return found;
}

/** "label [disabled]" lines, with submenus indented: what a person would see. */
function render(items: readonly TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((entry) => {
    if (entry.type === 'separator') return [`${indent}---`];
    const line = `${indent}${entry.label}${entry.enabled ? '' : ' [disabled]'}`;
    return entry.submenu ? [`${line} ▸`, ...render(entry.submenu, `${indent}  `)] : [line];
  });
}

describe('buildTrayMenu', () => {
  it('shows status, quick actions, folders, profiles and recent transfers', () => {
    const items = menu(
      {
        trayState: 'syncing',
        totals: { queued: 8, active: 4, waiting: 0, failed: 1, done: 3, bytesPerSecond: 3_400_000 },
        folders: [aFolder(), aFolder({ id: 'pics', path: '/home/ann/Pictures' })],
        profiles: [
          aProfile('lab', { expiresAt: NOW + 12 * 60_000 }),
          aProfile('oss', { state: 'refreshing' }),
        ],
      },
      [
        aTransfer(2, 'big.iso', {
          state: 'failed',
          error: { code: 'access-denied', message: 'Access Denied' },
        }),
        aTransfer(1, 'docs/a.txt'),
        aTransfer(3, 'old.txt', { kind: 'delete' }),
        aTransfer(4, 'x.bin', { state: 'failed', error: { code: 'strange-thing', message: '?' } }),
      ],
    );
    expect(render(items)).toEqual([
      'syncing 12 files, 3.4 MB/s, 1 failed [disabled]',
      '---',
      'Open Ferry',
      '---',
      'Pause all',
      'Sync now',
      '---',
      'Open folder ▸',
      '  docs — /home/ann/Documents',
      '  pics — /home/ann/Pictures',
      'Refresh credentials ▸',
      '  lab — expires in 12 min',
      '  oss — refreshing… [disabled]',
      'Recent transfers ▸',
      '  ✗ big.iso — access denied',
      '  ✓ docs/a.txt',
      '  ✓ old.txt (deleted)',
      '  ✗ x.bin — strange thing',
      '---',
      'Quit Ferry',
    ]);
  });

  it('offers Resume all instead of Pause all when everything is paused, and no Sync now', () => {
    const items = menu({ pausedAll: true, trayState: 'paused' });
    expect(items.some((entry) => entry.id === 'pause-all')).toBe(false);
    expect(item(items, 'resume-all')).toMatchObject({
      label: 'Resume all',
      enabled: true,
      action: { kind: 'resume-all' },
    });
    expect(item(items, 'sync-now').enabled).toBe(false);
  });

  it.each<[string, Partial<UiSnapshot>]>([
    ['no folders yet', { folders: [], setupNeeded: true }],
    ['a broken config', { configError: { message: 'bad', hint: null }, trayState: 'error' }],
  ])('disables the engine actions with %s', (_name, overrides) => {
    const items = menu(overrides);
    expect(item(items, 'pause-all').enabled).toBe(false);
    expect(item(items, 'sync-now').enabled).toBe(false);
    expect(item(items, 'open-window').enabled).toBe(true);
    expect(item(items, 'quit').enabled).toBe(true);
  });

  it('greys out empty submenus and says why', () => {
    const items = menu({ folders: [], profiles: [] }, []);
    for (const [id, label] of [
      ['open-folder', 'No folders'],
      ['refresh-credentials', 'No profiles'],
      ['recent-transfers', 'Nothing finished yet'],
    ] as const) {
      const entry = item(items, id);
      expect(entry.enabled).toBe(false);
      expect(entry.submenu?.map((child) => [child.label, child.enabled])).toEqual([[label, false]]);
    }
  });

  it('ties each item to the action that names its folder or profile', () => {
    const items = menu({
      folders: [aFolder({ id: 'pics' })],
      profiles: [aProfile('oss', { state: 'failing', expiresAt: null })],
    });
    expect(item(items, 'open-folder').submenu?.[0]?.action).toEqual({
      kind: 'open-folder',
      folderId: 'pics',
    });
    const profile = item(items, 'refresh-credentials').submenu?.[0];
    expect(profile).toMatchObject({
      label: 'oss — refresh failing',
      enabled: true,
      action: { kind: 'refresh-credentials', profileId: 'oss' },
    });
    expect(item(items, 'recent-transfers').submenu?.[0]?.action).toEqual({ kind: 'open-window' });
    expect(item(items, 'quit').action).toEqual({ kind: 'quit' });
  });

  it('says a token that will simply be renewed renews, and one whose refresh comes too late expires (issue 12)', () => {
    const items = menu({
      profiles: [
        aProfile('fresh', { expiresAt: NOW + 3 * 60_000, nextRefreshAt: NOW + 2 * 60_000 }),
        aProfile('late', { expiresAt: NOW + 3 * 60_000, nextRefreshAt: NOW + 4 * 60_000 }),
      ],
    });
    expect(item(items, 'refresh-credentials').submenu?.map((child) => child.label)).toEqual([
      'fresh — valid, renews in 2 min',
      'late — expires in 3 min',
    ]);
  });

  it('gives every item a unique id', () => {
    const items = menu({ folders: [aFolder(), aFolder({ id: 'pics' })] });
    const all = items.flatMap((entry) => [entry, ...(entry.submenu ?? [])]).map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('shortens long paths in the middle', () => {
    const items = menu({}, [aTransfer(1, `deep/${'d/'.repeat(40)}report-final.pdf`)]);
    const label = item(items, 'recent-transfers').submenu?.[0]?.label ?? '';
    expect(label.length).toBeLessThanOrEqual(42);
    expect(label).toMatch(/^✓ deep\/d\/.*…\/d\/report-final\.pdf$/);
  });

  it('speaks the OS language', () => {
    const items = buildTrayMenu({
      snapshot: aSnapshot({ pausedAll: true, trayState: 'paused' }),
      recent: [],
      strings: trayStrings('zh-TW'),
      now: NOW,
    });
    expect(item(items, 'resume-all').label).toBe('全部繼續');
    expect(item(items, 'status').label).toBe('已暫停');
  });
});

describe('middleTruncate', () => {
  it.each<[string, number, string]>([
    ['short.txt', 20, 'short.txt'],
    ['abcdefghijkl', 7, 'abc…jkl'],
    ['abcdefghijkl', 6, 'abc…kl'],
  ])('%j to %d → %j', (text, max, expected) => {
    expect(middleTruncate(text, max)).toBe(expected);
  });
});
