import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Notice } from '../../../../app/ipc/views.js';
import { trayStrings } from '../../../../app/presentation/tray/tray-strings.js';
import {
  coalescedBody,
  NoticeCoalescer,
  type CoalescedNotice,
} from '../../../../main/electron/notice-coalescer.js';
import { NOW } from '../../app/presentation/tray/ui-snapshot.js';

let nextId = 1;
function notice(kind: Notice['kind'], body = `body ${nextId}`): Notice {
  return { id: nextId++, level: 'error', kind, title: kind, body, at: Date.now() };
}

function setup() {
  const shown: CoalescedNotice[] = [];
  const coalescer = new NoticeCoalescer({
    kinds: new Set(['sync-failed', 'credentials-failed', 'drop-finished']),
    windowMs: 30_000,
    now: () => Date.now(),
    show: (coalesced) => shown.push(coalesced),
  });
  const summary = () => shown.map(({ notice: n, more }) => `${n.kind}:${n.body}+${more}`);
  return { coalescer, summary };
}

describe('NoticeCoalescer', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('shows the first notice of a kind at once', () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('sync-failed', 'a.txt failed'));
    expect(summary()).toEqual(['sync-failed:a.txt failed+0']);
  });

  it('holds the rest for 30 s, then shows the latest with the count of the others', async () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('sync-failed', 'first'));
    for (let i = 1; i <= 5; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      coalescer.push(notice('sync-failed', `later ${i}`));
    }
    expect(summary()).toEqual(['sync-failed:first+0']);
    await vi.advanceTimersByTimeAsync(24_999);
    expect(summary()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(summary()).toEqual(['sync-failed:first+0', 'sync-failed:later 5+4']);
  });

  it('limits each kind on its own', () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('sync-failed', 'x'));
    coalescer.push(notice('credentials-failed', 'y'));
    coalescer.push(notice('drop-finished', 'z'));
    expect(summary()).toEqual(['sync-failed:x+0', 'credentials-failed:y+0', 'drop-finished:z+0']);
  });

  it('shows a notice at once again after a quiet window', async () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('drop-finished', 'one'));
    await vi.advanceTimersByTimeAsync(30_000);
    coalescer.push(notice('drop-finished', 'two'));
    expect(summary()).toEqual(['drop-finished:one+0', 'drop-finished:two+0']);
  });

  it('keeps the pace after a coalesced notification: the next burst waits a full window', async () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('sync-failed', 'a'));
    coalescer.push(notice('sync-failed', 'b'));
    await vi.advanceTimersByTimeAsync(30_000); // b shown now
    coalescer.push(notice('sync-failed', 'c'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(summary()).toEqual(['sync-failed:a+0', 'sync-failed:b+0']);
    await vi.advanceTimersByTimeAsync(1);
    expect(summary()).toEqual(['sync-failed:a+0', 'sync-failed:b+0', 'sync-failed:c+0']);
  });

  it('ignores kinds that stay in the window (a saved config)', () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('config-saved'));
    expect(summary()).toEqual([]);
  });

  it('shows nothing held back once disposed', async () => {
    const { coalescer, summary } = setup();
    coalescer.push(notice('sync-failed', 'a'));
    coalescer.push(notice('sync-failed', 'b'));
    coalescer.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(summary()).toEqual(['sync-failed:a+0']);
  });
});

describe('coalescedBody', () => {
  it.each<[string, number, string]>([
    ['en', 0, 'a.txt: access denied'],
    ['en', 4, 'a.txt: access denied (+4 more)'],
    ['zh-CN', 2, 'a.txt: access denied （另有 2 条）'],
  ])('%s, %d more', (locale, more, expected) => {
    const n = notice('sync-failed', 'a.txt: access denied');
    expect(coalescedBody({ notice: n, more }, trayStrings(locale).more)).toBe(expected);
  });
});
