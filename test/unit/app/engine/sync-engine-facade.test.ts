import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { createHarness, ROOT } from './engine-harness.js';

const networkDown = () => new SyncError('network', 'retry', 'cannot reach the store (ECONNRESET)');

/** What callers see of the engine (issue 14): transfers, pauses, notes, retries; not its queue. */
describe('SyncEngine facade', () => {
  it('a conflict repeated by every run is reported once per run, not once per run so far', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'ours');
    h.write('b.txt', 'stays, so the folder is not empty');
    await h.engine.runOnce();
    const body = new TextEncoder().encode('someone else wrote this');
    await h.store.putObject({
      bucket: 'sync-bucket',
      key: 'alice/docs/a.txt',
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    h.fs.remove(`${ROOT}/a.txt`);
    for (let run = 0; run < 3; run++) {
      const summary = await h.engine.runOnce();
      expect(summary.conflicts.map((c) => c.relativePath)).toEqual(['a.txt']);
    }
    // The user puts the file back: the next run has no conflict left to report.
    h.write('a.txt', 'ours');
    expect((await h.engine.runOnce()).conflicts).toEqual([]);
  });

  it('transfers() and isPaused() show the queue without handing it out', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.engine.pause('docs');
    expect(h.engine.isPaused('docs')).toBe(true);
    expect(h.engine.isPaused('other')).toBe(false);
    expect(h.engine.isPaused()).toBe(false);
    await h.engine.syncNow();
    expect(h.engine.transfers().map((t) => [t.relativePath, t.state])).toEqual([
      ['a.txt', 'queued'],
    ]);
    h.engine.resume('docs');
    await h.engine.drain();
    expect(h.engine.transfers().map((t) => t.state)).toEqual(['done']);
  });

  it('retry() queues failed transfers again, as they were first asked for', async () => {
    const h = createHarness({ options: { maxAttempts: 1 } });
    h.write('a.txt', 'alpha');
    h.store.failNext('putObject', networkDown(), 1);
    expect((await h.engine.runOnce()).failed).toHaveLength(1);
    const failed = h.engine.transfers().filter((t) => t.state === 'failed');
    h.engine.retry(failed);
    await h.engine.drain();
    expect(h.text('a.txt')).toBe('alpha');
    expect(h.engine.transfers().map((t) => t.state)).toEqual(['done']);
  });

  it("noteForObject() notes the running upload of that object, and nothing else's", async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.write('b.txt', 'beta');
    const release = h.store.hold();
    const run = h.engine.runOnce();
    const uploading = () => h.engine.transfers().filter((t) => t.state === 'uploading');
    while (uploading().length < 2) await new Promise((resolve) => setImmediate(resolve));
    h.engine.noteForObject('sync-bucket', 'alice/docs/a.txt', 'waits for a fresh token');
    h.engine.noteForObject('other-bucket', 'alice/docs/b.txt', 'not this one');
    const notes = new Map(h.engine.transfers().map((t) => [t.relativePath, t.note]));
    expect(notes.get('a.txt')).toBe('waits for a fresh token');
    expect(notes.get('b.txt')).toBeNull();
    release();
    await run;
  });
});
