import { describe, expect, it } from 'vitest';

import { FolderWatch, type FolderWatchContext } from '../../../../app/engine/folder-watch.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { IgnoreRules } from '../../../../app/sync/ignore-rules.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { FakeClock, flushMicrotasks } from '../../../fakes/fake-clock.js';
import { FakeWatcher } from '../../../fakes/fake-watcher.js';
import { createHarness, ROOT } from './engine-harness.js';

/** Lets every pending promise chain run (the engine's steps await each other). */
async function settle(h: ReturnType<typeof createHarness>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await (h.clock as FakeClock).advance(0);
    await flushMicrotasks();
  }
}

describe('watching begun ahead of start (issue 15: the crawl runs beside the preflight)', () => {
  it('subscribes at once, and holds what the watcher reports until start()', async () => {
    const h = createHarness({ clock: 'fake' });
    h.engine.beginWatching();
    expect(h.watcher.isWatching(ROOT)).toBe(true);
    h.write('early.txt', 'written while the preflight ran');
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: 'early.txt' }]);
    await settle(h);
    // Nothing before start(): its abandoned-upload aborts and scan come first.
    expect(h.statesOf('early.txt')).toEqual([]);
    expect(h.events.filter((e) => e.type === 'scan-started')).toEqual([]);
    expect(h.engine.folderSnapshots()[0]?.state).toBe('idle');

    const started = h.engine.start();
    await settle(h);
    await started;
    await settle(h);
    expect(h.text('early.txt')).toBe('written while the preflight ran');
    expect(h.watcher.openCount).toBe(1); // start() did not subscribe a second time
    expect(h.engine.folderSnapshots()[0]?.state).toBe('watching');

    // Live from now on: an event goes straight to the fast path.
    h.write('later.txt', 'after start');
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: 'later.txt' }]);
    await settle(h);
    expect(h.text('later.txt')).toBe('after start');
    await h.engine.stop();
    expect(h.watcher.openCount).toBe(0);
  });

  it('reports a watcher failure seen before start() once start() runs, then rescans', async () => {
    const h = createHarness({ clock: 'fake' });
    h.engine.beginWatching();
    h.watcher.fail(
      ROOT,
      new SyncError('watcher-failed', 'retry', 'inotify watch limit reached', {
        hint: 'sudo sysctl fs.inotify.max_user_watches=524288',
      }),
    );
    await settle(h);
    expect(h.events.filter((e) => e.type === 'watcher-error')).toEqual([]);
    const started = h.engine.start();
    await settle(h);
    await started;
    expect(h.events.find((e) => e.type === 'watcher-error')).toMatchObject({
      hint: expect.stringContaining('max_user_watches'),
    });
    expect(h.engine.folderSnapshots()[0]?.state).not.toBe('watching');
    await h.engine.stop();
  });

  it('closes a begun watcher when its folder is skipped or the engine stops first', async () => {
    const skipped = createHarness({ clock: 'fake' });
    skipped.engine.beginWatching();
    const started = skipped.engine.start(new Set([skipped.folder.id]));
    await settle(skipped);
    await started;
    expect(skipped.watcher.openCount).toBe(0);
    expect(skipped.events.filter((e) => e.type === 'scan-started')).toEqual([]);
    // Its preflight passes later: startFolder subscribes anew.
    const late = skipped.engine.startFolder(skipped.folder.id);
    await settle(skipped);
    await late;
    expect(skipped.watcher.openCount).toBe(1);
    await skipped.engine.stop();

    const stopped = createHarness({ clock: 'fake' });
    stopped.engine.beginWatching();
    await stopped.engine.stop();
    expect(stopped.watcher.openCount).toBe(0);
    stopped.engine.beginWatching(); // a stopped engine subscribes nothing
    expect(stopped.watcher.openCount).toBe(0);
  });
});

/** Once every promise chain has run (a setImmediate comes after all microtasks). */
const afterMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FolderWatch.begin: what it holds is bounded', () => {
  /** A FolderWatch on a fake watcher whose rules count the paths start() lets through. */
  function watchWithCountingRules() {
    const watcher = new FakeWatcher();
    let started = false;
    const checked: string[] = [];
    const rules = {
      // Before start(): nothing ignored (the fake watcher drops ignored events). After: every
      // path delivered to the fast path is counted and ignored there, so it stops at once.
      isIgnored: (relativePath: string) => (started ? (checked.push(relativePath), true) : false),
    } as unknown as IgnoreRules;
    const context = {
      spec: { id: 'docs', root: ROOT, mode: 'upload' },
      rules,
      watcher,
      clock: new FakeClock(),
      random: () => 0.5,
      logger: new CaptureLogger(),
      emit: () => {},
      timing: { watchBatchMs: 100, rescanIntervalMs: 60_000, fallbackRescanMs: 60_000 },
      scan: () => Promise.resolve(),
      stopped: () => false,
    } as unknown as FolderWatchContext;
    const watch = new FolderWatch(context);
    const start = async () => {
      started = true;
      await watch.start();
      await afterMicrotasks();
    };
    return { watch, watcher, checked, start };
  }
  const adds = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => ({
      type: 'add' as const,
      relativePath: `f${from + i}.txt`,
    }));

  it('lets up to 10,000 held events through at start()', async () => {
    const { watch, watcher, checked, start } = watchWithCountingRules();
    watch.begin();
    watcher.emit(ROOT, adds(6_000));
    watcher.emit(ROOT, adds(4_000, 6_000));
    await start();
    expect(checked).toHaveLength(10_000);
    await watch.close();
  });

  it('drops them all past 10,000 (the scan after start() sees those changes)', async () => {
    const { watch, watcher, checked, start } = watchWithCountingRules();
    watch.begin();
    watcher.emit(ROOT, adds(6_000));
    watcher.emit(ROOT, adds(4_001, 6_000));
    watcher.emit(ROOT, adds(5, 20_000)); // after the overflow: dropped too
    await start();
    expect(checked).toEqual([]);
    watcher.emit(ROOT, adds(1, 30_000)); // live now
    await afterMicrotasks();
    expect(checked).toEqual(['f30000.txt']);
    await watch.close();
  });
});
