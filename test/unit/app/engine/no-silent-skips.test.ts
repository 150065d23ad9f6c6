import { describe, expect, it } from 'vitest';

import type { FakeClock } from '../../../fakes/fake-clock.js';
import { errno } from '../../../fakes/memory-file-system.js';
import { createHarness, ROOT } from './engine-harness.js';

/*
 * Issue 11, "nothing skipped silently": every path a run saw and did not upload is in the
 * summary (failed or skipped, with why), in the engine's problems (status, UI) and in the log.
 */

describe('paths the scan cannot upload', () => {
  it('an unreadable folder is a failure with its reason, logged, and the rest uploads', async () => {
    const h = createHarness();
    h.write('locked/secret.txt', 's');
    h.write('ok.txt', 'fine');
    h.fs.failNext(`${ROOT}/locked`, errno('EACCES', `${ROOT}/locked`));
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.unreadable).toEqual([
      expect.objectContaining({
        relativePath: 'locked',
        outcome: 'failed',
        code: 'file-unreadable',
        reason: expect.stringMatching(/permission denied/),
        hint: expect.stringMatching(/read access/),
      }),
    ]);
    expect(h.engine.problems()).toEqual(summary.unreadable);
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ path: 'locked' }),
      }),
    );
  });

  it('a name that is not UTF-8 is a failure named with its bytes escaped, never "no longer exists"', async () => {
    const h = createHarness();
    h.write('ok.txt', 'fine');
    h.fs.undecodableName(`${ROOT}/sub`, 'bad\\xff.txt');
    const summary = await h.engine.runOnce();
    expect(summary.unreadable).toEqual([
      expect.objectContaining({
        relativePath: 'sub/bad\\xff.txt',
        code: 'invalid-name',
        reason: expect.stringMatching(/name is not valid UTF-8/i),
      }),
    ]);
    expect(summary.unreadable[0]?.reason).not.toMatch(/no longer exists/);
  });

  it('FIFOs, sockets and links are skipped with their reason, logged at info', async () => {
    const h = createHarness();
    h.write('ok.txt', 'fine');
    h.fs.special(`${ROOT}/pipe`, 'fifo');
    h.fs.special(`${ROOT}/run/app.sock`, 'socket');
    h.fs.symlink(`${ROOT}/link`, 'ok.txt');
    const summary = await h.engine.runOnce();
    expect(summary).toMatchObject({ uploaded: 1, failed: [], unreadable: [] });
    expect(summary.skipped.map((p) => [p.relativePath, p.code, p.reason])).toEqual([
      ['link', 'symlink', 'symbolic link, not followed'],
      ['pipe', 'special-file', 'special file (FIFO), not uploaded'],
      ['run/app.sock', 'special-file', 'special file (socket), not uploaded'],
    ]);
    expect(
      h.logger.lines.filter((l) => l.message === 'skipped').map((l) => l.fields['path']),
    ).toEqual(['link', 'pipe', 'run/app.sock']);
    expect(h.events.filter((e) => e.type === 'path-skipped')).toHaveLength(3);
  });

  it('a default ignore rule names the rule; the user’s own patterns and Ferry’s temp files say nothing', async () => {
    const h = createHarness({ folder: { ignore: ['*.log'] } });
    h.write('~$report.docx', 'office lock');
    h.write('film.mkv.part', 'half a download');
    h.write('.ferry-upload-123', 'ours');
    h.write('app.log', 'the user ignores this');
    h.write('keep.txt', 'kept');
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.skipped.map((p) => [p.relativePath, p.code, p.reason])).toEqual([
      ['film.mkv.part', 'default-rule', 'excluded by the default ignore rule "*.part"'],
      ['~$report.docx', 'default-rule', 'excluded by the default ignore rule "~$*"'],
    ]);
  });

  it('a file gone before its upload is counted as skipped with why', async () => {
    const h = createHarness();
    h.write('brief.txt', 'here for the scan only');
    h.engine.onEvent((event) => {
      // Gone between the scan and the upload.
      if (event.type === 'transfer' && event.transfer.state === 'uploading') {
        h.fs.remove(`${ROOT}/brief.txt`);
      }
    });
    const summary = await h.engine.runOnce();
    expect(summary.skipped).toEqual([
      expect.objectContaining({ relativePath: 'brief.txt', code: 'vanished' }),
    ]);
  });
});

describe('a file still being written', () => {
  /** Appends to the file at every sleep of the engine's clock, with that moment as its mtime. */
  function appendWhileSleeping(h: ReturnType<typeof createHarness>, writing: () => boolean) {
    const sleep = h.clock.sleep.bind(h.clock);
    let content = 'line\n';
    h.fs.writeFile(`${ROOT}/growing.log`, content, h.clock.now());
    h.clock.sleep = async (ms) => {
      await sleep(ms);
      if (writing()) {
        content += 'line\n';
        h.fs.writeFile(`${ROOT}/growing.log`, content, h.clock.now());
      }
    };
    return () => content;
  }

  it('in --once, fails "still changing" after the requeues and a bounded extra wait', async () => {
    const h = createHarness({ options: { finalSettleWaitMs: 10_000 } });
    h.write('ok.txt', 'fine');
    appendWhileSleeping(h, () => true);
    const started = h.clock.now();
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.failed.map((t) => [t.relativePath, t.error?.code])).toEqual([
      ['growing.log', 'file-changed'],
    ]);
    expect(summary.failed[0]?.error?.message).toMatch(/^Still changing: .*10 s of extra waiting/);
    expect(h.journal.getFile('docs', 'growing.log')).toMatchObject({ state: 'failed' });
    expect(h.object('growing.log')).toBeUndefined();
    // Bounded: 4 attempts of ~3 s plus the 10 s wait, not an endless loop.
    expect(h.clock.now() - started).toBeLessThan(30_000);
  });

  it('in --once, a file that holds still during the extra wait is uploaded whole', async () => {
    const h = createHarness({ options: { finalSettleWaitMs: 10_000 } });
    let waiting = false;
    h.engine.onEvent((event) => {
      if (event.type === 'transfer' && event.transfer.note?.startsWith('still changing')) {
        waiting = true;
      }
    });
    const content = appendWhileSleeping(h, () => !waiting);
    const summary = await h.engine.runOnce();
    expect(waiting).toBe(true); // it did reach the extra wait
    expect(summary).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.text('growing.log')).toBe(content());
  });

  it('watching, it stays pending ("still changing") until it holds still, then uploads', async () => {
    const h = createHarness({ clock: 'fake' });
    const clock = h.clock as FakeClock;
    await h.engine.start();
    let content = '';
    const grow = () => {
      content += 'line\n';
      h.fs.writeFile(`${ROOT}/growing.log`, content, clock.now());
    };
    grow();
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: 'growing.log' }]);
    const pending = () => h.engine.problems().some((p) => p.outcome === 'pending');
    for (let i = 0; i < 400 && !pending(); i++) {
      grow();
      await clock.advance(100);
    }
    expect(h.engine.problems()).toEqual([
      expect.objectContaining({
        relativePath: 'growing.log',
        outcome: 'pending',
        reason: expect.stringMatching(/^still changing/),
      }),
    ]);
    expect(h.engine.folderSnapshots()[0]?.problems).toHaveLength(1);
    for (let i = 0; i < 30; i++) {
      grow(); // still written to: it stays pending, polled, not uploaded half-written
      await clock.advance(100);
    }
    expect(pending()).toBe(true);
    expect(h.object('growing.log')).toBeUndefined();
    for (let i = 0; i < 100 && h.text('growing.log') !== content; i++) await clock.advance(100);
    expect(h.text('growing.log')).toBe(content);
    expect(h.engine.problems()).toEqual([]);
    await h.engine.stop();
  });
});

describe('the log', () => {
  it('names a problem once while it lasts, not at every rescan', async () => {
    const h = createHarness();
    h.fs.special(`${ROOT}/pipe`, 'fifo');
    await h.engine.runOnce();
    await h.engine.syncNow();
    const logged = () => h.logger.lines.filter((l) => l.message === 'skipped').length;
    expect(logged()).toBe(1);
    h.fs.remove(`${ROOT}/pipe`);
    await h.engine.syncNow();
    h.fs.special(`${ROOT}/pipe`, 'fifo');
    await h.engine.syncNow();
    expect(logged()).toBe(2); // back after it was gone: said again
    expect(h.engine.problems()).toHaveLength(1); // still listed at every scan
  });
});
