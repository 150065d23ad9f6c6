import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { ObjectStore } from '../../../../app/ports/object-store.js';
import type { FakeClock } from '../../../fakes/fake-clock.js';
import { flushMicrotasks } from '../../../fakes/fake-clock.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import type { MemoryObjectStore } from '../../../fakes/memory-object-store.js';
import { createHarness, PART, patterned, ROOT } from './engine-harness.js';

const networkDown = () => new SyncError('network', 'retry', 'cannot reach the store (ECONNRESET)');

describe('SyncEngine.runOnce', () => {
  it('uploads a tree, records each file, and costs nothing the second time', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.write('sub/deeper/b.txt', 'beta');
    h.write('empty.txt', '');
    h.write('big.bin', patterned(3 * PART + 100));
    const first = await h.engine.runOnce();
    expect(first).toMatchObject({ uploaded: 4, failed: [], conflicts: [] });
    expect(h.text('a.txt')).toBe('alpha');
    expect(h.text('sub/deeper/b.txt')).toBe('beta');
    expect(h.text('empty.txt')).toBe('');
    expect(h.object('big.bin')?.body).toEqual(patterned(3 * PART + 100));
    expect(h.object('big.bin')?.etag).toMatch(/-4$/);
    expect(
      h.journal
        .listFiles('docs')
        .map((r) => [r.relativePath, r.state])
        .sort(),
    ).toEqual([
      ['a.txt', 'synced'],
      ['big.bin', 'synced'],
      ['empty.txt', 'synced'],
      ['sub/deeper/b.txt', 'synced'],
    ]);
    const callsBefore = { ...h.store.calls };
    const second = await h.engine.runOnce();
    expect(second).toMatchObject({ uploaded: 0, failed: [] });
    // One listing of the prefix's multipart uploads (no orphan survives a run), nothing else.
    expect(h.store.calls).toEqual({
      ...callsBefore,
      listMultipartUploads: callsBefore.listMultipartUploads + 1,
    });
  });

  it('uploads a changed file again', async () => {
    const h = createHarness();
    h.write('a.txt', 'v1');
    await h.engine.runOnce();
    h.write('a.txt', 'version two');
    expect(await h.engine.runOnce()).toMatchObject({ uploaded: 1 });
    expect(h.text('a.txt')).toBe('version two');
  });

  it('keys are the prefix plus the NFC path', async () => {
    const h = createHarness();
    h.write('Cafe\u0301 menu.txt', 'nfd on disk');
    await h.engine.runOnce();
    expect(h.text('Caf\u00e9 menu.txt')).toBe('nfd on disk');
  });

  it('a bad file name fails alone, with its reason; the rest upload', async () => {
    const h = createHarness();
    h.write('ok.txt', 'fine');
    h.write('bad\nname.txt', 'newline in the name');
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.failed.map((t) => [t.relativePath, t.error?.code])).toEqual([
      ['bad\nname.txt', 'invalid-name'],
    ]);
    expect(h.journal.getFile('docs', 'bad\nname.txt')).toMatchObject({
      state: 'failed',
      etag: null,
    });
  });

  it('skips ignored files: defaults and .ferryignore', async () => {
    const h = createHarness();
    h.write('.DS_Store', 'x');
    h.write('~$report.docx', 'lock');
    h.write('.ferryignore', '*.log\nbuild/\n');
    h.write('app.log', 'noise');
    h.write('build/out.js', 'generated');
    h.write('keep.txt', 'kept');
    await h.engine.runOnce();
    const keys = [...h.store.objects.keys()].sort();
    expect(keys).toEqual([
      'sync-bucket/alice/docs/.ferryignore',
      'sync-bucket/alice/docs/keep.txt',
    ]);
  });

  it('retries network failures with backoff and then succeeds', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.store.failNext('putObject', networkDown(), 2);
    const summary = await h.engine.runOnce();
    expect(summary).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.statesOf('a.txt')).toEqual(expect.arrayContaining(['retrying', 'done']));
    expect(h.store.calls.putObject).toBe(3);
  });

  it('fails a file after the last attempt, records it as failed, and retries it next run', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.store.failNext('putObject', networkDown(), 4);
    const summary = await h.engine.runOnce();
    expect(summary.failed).toHaveLength(1);
    expect(h.journal.getFile('docs', 'a.txt')).toMatchObject({ state: 'failed' });
    expect(await h.engine.runOnce()).toMatchObject({ uploaded: 1, failed: [] });
  });

  it('a denied key fails once with the reason — no retry storm', async () => {
    const h = createHarness();
    h.write('private/x.txt', 'secret plans');
    h.write('public/y.txt', 'hello');
    h.store.denyKeysMatching(/private/);
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.failed.map((t) => t.error?.code)).toEqual(['access-denied']);
    expect(h.store.calls.putObject).toBe(2);
  });

  it('waits for credentials instead of failing while STS is unreachable', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.sts.failNext(
      new SyncError('sts-unreachable', 'retry', 'Cannot reach STS'),
      new SyncError('sts-unreachable', 'retry', 'Cannot reach STS'),
    );
    const summary = await h.engine.runOnce();
    expect(summary).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.statesOf('a.txt')).toContain('waiting-for-credentials');
  });

  it('in --once, a fatal credential error ends the transfer with that error', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.sts.failNext(new SyncError('sts-denied', 'fatal', 'STS says the secret key is wrong.'));
    const summary = await h.engine.runOnce();
    expect(summary.failed.map((t) => t.error?.code)).toEqual(['sts-denied']);
    expect(h.store.objects.size).toBe(0);
  });

  it('resumes a multipart upload from its checkpoint without re-sending stored parts', async () => {
    let failParts = true;
    const h = createHarness({
      options: { maxAttempts: 1, partConcurrency: 1 },
      wrapStore: (store) => withFailingParts(store, () => failParts, 3),
    });
    const content = patterned(5 * PART + 10);
    h.write('big.bin', content);
    const first = await h.engine.runOnce();
    expect(first.failed).toHaveLength(1);
    const checkpoint = h.journal.getCheckpoint('docs', 'big.bin');
    expect(checkpoint?.parts.map((p) => p.partNumber)).toEqual([1, 2]);

    failParts = false;
    const second = await h.engine.runOnce();
    expect(second).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.object('big.bin')?.body).toEqual(content);
    const sent = h.store.partUploads.map((p) => p.partNumber);
    expect(sent).toEqual([1, 2, 3, 4, 5, 6]); // parts 1 and 2 were not sent again
    expect(h.journal.getCheckpoint('docs', 'big.bin')).toBeUndefined();
    expect(
      h.events.filter((e) => e.type === 'transfer' && e.transfer.state === 'done').at(-1),
    ).toMatchObject({
      transfer: { partsReused: 2, note: expect.stringContaining('resumed: 2 parts') },
    });
  });

  it('starts over when the file changed since the checkpoint, aborting the old upload', async () => {
    let failParts = true;
    const h = createHarness({
      options: { maxAttempts: 1, partConcurrency: 1 },
      wrapStore: (store) => withFailingParts(store, () => failParts, 2),
    });
    h.write('big.bin', patterned(3 * PART, 1));
    await h.engine.runOnce();
    const old = h.journal.getCheckpoint('docs', 'big.bin');
    expect(old?.parts).toHaveLength(1);
    failParts = false;
    h.write('big.bin', patterned(3 * PART, 2));
    await h.engine.runOnce();
    expect(h.object('big.bin')?.body).toEqual(patterned(3 * PART, 2));
    expect(h.store.calls.abortMultipart).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [
      'an opaque multipart ETag (OSS, MinIO) is accepted: size and part MD5s were checked',
      'a3c1f0e2-5b7d-4c8e-9f10-abcdef012345',
      1,
      0,
    ],
    [
      'an S3-shaped multipart ETag that does not match the parts is a bad digest',
      '0123456789abcdef0123456789abcdef-4',
      0,
      1,
    ],
  ])('%s', async (_name, reportedEtag, uploaded, failed) => {
    const h = createHarness({
      options: { maxAttempts: 1 },
      wrapStore: (store) => ({
        ...bind(store),
        completeMultipart: async (r) => {
          await store.completeMultipart(r);
          return { etag: reportedEtag };
        },
      }),
    });
    h.write('big.bin', patterned(3 * PART + 5));
    const summary = await h.engine.runOnce();
    expect({ uploaded: summary.uploaded, failed: summary.failed.length }).toEqual({
      uploaded,
      failed,
    });
    if (failed) expect(summary.failed[0]?.error?.code).toBe('bad-digest');
  });

  it('a file that changes during its upload is uploaded again, never recorded with the old content', async () => {
    const h = createHarness();
    h.write('a.txt', 'first version');
    let changed = false;
    h.store.gate = async (call) => {
      if (call.method === 'putObject' && !changed) {
        changed = true;
        h.write('a.txt', 'second, longer version');
      }
      await Promise.resolve();
    };
    const summary = await h.engine.runOnce();
    expect(summary).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.text('a.txt')).toBe('second, longer version');
    expect(h.journal.getFile('docs', 'a.txt')).toMatchObject({
      size: 'second, longer version'.length,
      md5: nodeDigest.md5Hex(new TextEncoder().encode('second, longer version')),
    });
    expect(h.store.calls.putObject).toBe(2);
  });

  it('a file that vanishes before upload is skipped, not failed', async () => {
    const h = createHarness();
    h.write('tmp.txt', 'short-lived');
    h.store.gate = async () => Promise.resolve();
    h.fs.failNext(`${ROOT}/tmp.txt`, Object.assign(new Error('gone'), { code: 'ENOENT' }));
    const summary = await h.engine.runOnce();
    expect(summary.failed).toEqual([]);
  });

  it('a file deleted between its stat and its read is skipped as vanished, not failed as unreadable', async () => {
    const h = createHarness();
    h.write('racy.txt', 'deleted at the worst moment');
    const openBeneath = h.fs.openBeneath.bind(h.fs);
    h.fs.openBeneath = (root, relativePath) => {
      h.fs.remove(h.fs.join(root, relativePath)); // the user deletes it just as Ferry opens it
      return openBeneath(root, relativePath);
    };
    const summary = await h.engine.runOnce();
    expect(summary.failed).toEqual([]);
    expect(h.statesOf('racy.txt').at(-1)).toBe('skipped');
    expect(h.journal.getFile('docs', 'racy.txt')).toBeUndefined();
  });

  it('a path queued again for a version already uploaded is skipped, not sent twice', async () => {
    const h = createHarness();
    h.write('twice.txt', 'one write, two watcher events');
    await h.engine.runOnce();
    const puts = h.store.calls.putObject;
    const again = h.queue.enqueue({
      folderId: 'docs',
      relativePath: 'twice.txt',
      kind: 'upload',
      size: 29,
    });
    await h.engine.drain();
    expect(again).toMatchObject({ state: 'skipped', note: 'unchanged since its last upload' });
    expect(h.store.calls.putObject).toBe(puts);
    // A real change is still sent.
    h.write('twice.txt', 'changed');
    expect(await h.engine.runOnce()).toMatchObject({ uploaded: 1 });
  });

  it('keeps at most `concurrency` transfers in flight', async () => {
    const h = createHarness({ options: { concurrency: 3 } });
    for (let i = 0; i < 20; i++) h.write(`f${i}.txt`, `file ${i}`);
    h.store.gate = () => new Promise((resolve) => setTimeout(resolve, 1));
    await h.engine.runOnce();
    expect(h.store.objects.size).toBe(20);
    expect(h.store.maxInFlight).toBeLessThanOrEqual(3);
    expect(h.store.maxInFlight).toBeGreaterThan(1);
  });
});

describe('deletes', () => {
  it('upload mode never deletes remotely; the journal forgets the file', async () => {
    const h = createHarness({ folder: { mode: 'upload' } });
    h.write('a.txt', 'alpha');
    await h.engine.runOnce();
    h.fs.remove(`${ROOT}/a.txt`);
    const summary = await h.engine.runOnce();
    expect(summary.deleted).toBe(0);
    expect(h.text('a.txt')).toBe('alpha');
    expect(h.journal.getFile('docs', 'a.txt')).toBeUndefined();
  });

  it('mirror mode deletes the object of a removed file', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'alpha');
    h.write('b.txt', 'beta');
    await h.engine.runOnce();
    h.fs.remove(`${ROOT}/a.txt`);
    expect(await h.engine.runOnce()).toMatchObject({ deleted: 1, failed: [] });
    expect(h.object('a.txt')).toBeUndefined();
    expect(h.text('b.txt')).toBe('beta');
  });

  it('mirror mode never deletes when the folder root is gone', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'alpha');
    await h.engine.runOnce();
    h.fs.remove(ROOT);
    const summary = await h.engine.runOnce();
    expect(summary.deleted).toBe(0);
    expect(summary.paused[0]?.reason).toMatch(/is missing/);
    expect(h.text('a.txt')).toBe('alpha');
  });

  it('a mass delete pauses the folder until confirmed', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    for (let i = 0; i < 40; i++) h.write(`f${i}.txt`, `file ${i}`);
    await h.engine.runOnce();
    for (let i = 0; i < 20; i++) h.fs.remove(`${ROOT}/f${i}.txt`);
    const paused = await h.engine.runOnce();
    expect(paused.deleted).toBe(0);
    expect(paused.paused[0]?.reason).toMatch(/20 files are gone/);
    expect(h.store.objects.size).toBe(40);
    await h.engine.confirmDeletes('docs');
    await h.engine.drain();
    expect(h.store.objects.size).toBe(20);
  });

  it('a denied delete fails per file with the reason', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'alpha');
    h.write('b.txt', 'beta');
    await h.engine.runOnce();
    h.store.denyKeysMatching(/a\.txt/, ['delete']);
    h.fs.remove(`${ROOT}/a.txt`);
    const summary = await h.engine.runOnce();
    expect(summary.failed.map((t) => [t.kind, t.relativePath, t.error?.code])).toEqual([
      ['delete', 'a.txt', 'access-denied'],
    ]);
  });
});

describe('pause and resume', () => {
  it('pause stops new transfers; resume lets them run', async () => {
    const h = createHarness();
    h.write('a.txt', 'alpha');
    h.engine.pause();
    await h.engine.syncNow();
    await h.engine.drain();
    expect(h.store.objects.size).toBe(0);
    expect(h.engine.transfers().map((t) => t.state)).toEqual(['queued']);
    h.engine.resume();
    await h.engine.drain();
    expect(h.text('a.txt')).toBe('alpha');
  });
});

describe('watch mode', () => {
  it('a watcher event uploads the file without a full scan', async () => {
    const h = createHarness({ clock: 'fake' });
    await h.engine.start();
    expect(h.watcher.isWatching(ROOT)).toBe(true);
    h.write('new.txt', 'fresh');
    const scansBefore = h.events.filter((e) => e.type === 'scan-started').length;
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: 'new.txt' }]);
    await waitFor(() => h.text('new.txt') === 'fresh');
    expect(h.events.filter((e) => e.type === 'scan-started').length).toBe(scansBefore);
    await h.engine.stop();
    expect(h.watcher.openCount).toBe(0);
  });

  it('a broken watcher is reported with its fix and replaced by a rescan', async () => {
    const h = createHarness({ clock: 'fake' });
    await h.engine.start();
    h.write('missed.txt', 'the watcher never saw me');
    h.watcher.fail(
      ROOT,
      new SyncError('watcher-failed', 'retry', 'inotify watch limit reached', {
        hint: 'sudo sysctl fs.inotify.max_user_watches=524288',
      }),
    );
    await waitFor(() => h.text('missed.txt') !== undefined);
    expect(h.events.find((e) => e.type === 'watcher-error')).toMatchObject({
      hint: expect.stringContaining('max_user_watches'),
    });
    await (h.clock as FakeClock).advance(0);
    await h.engine.stop();
  });
});

/** The store's methods as plain functions, to override one. */
function bind(store: MemoryObjectStore): ObjectStore {
  return withFailingParts(store, () => false, 1);
}

/** A store whose uploadPart fails (network) from part `firstFailing` on while `failing()`. */
function withFailingParts(
  store: MemoryObjectStore,
  failing: () => boolean,
  firstFailing: number,
): ObjectStore {
  return {
    integrity: store.integrity,
    putObject: (r) => store.putObject(r),
    createMultipart: (r) => store.createMultipart(r),
    uploadPart: (r) =>
      failing() && r.partNumber >= firstFailing
        ? Promise.reject(networkDown())
        : store.uploadPart(r),
    listParts: (r) => store.listParts(r),
    completeMultipart: (r) => store.completeMultipart(r),
    abortMultipart: (r) => store.abortMultipart(r),
    head: (r) => store.head(r),
    list: (r) => store.list(r),
    delete: (r) => store.delete(r),
    listMultipartUploads: (r) => store.listMultipartUploads(r),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await flushMicrotasks();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
