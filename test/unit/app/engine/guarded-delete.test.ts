import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import { ALREADY_GONE_NOTE } from '../../../../app/engine/guarded-delete.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { createHarness, ROOT } from './engine-harness.js';

const networkDown = () => new SyncError('network', 'retry', 'cannot reach the store (ECONNRESET)');

/** Another writer puts its own bytes at the key, as with the admin's keys in the bucket. */
async function overwrite(h: ReturnType<typeof createHarness>, relativePath: string, text: string) {
  const body = new TextEncoder().encode(text);
  await h.store.putObject({
    bucket: 'sync-bucket',
    key: `alice/docs/${relativePath}`,
    body,
    md5Hex: nodeDigest.md5Hex(body),
  });
}

describe('mirror mode deletes only the object Ferry uploaded (issue 11)', () => {
  it('keeps an object someone else replaced after the upload, reports a conflict, keeps the record', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'ours');
    h.write('b.txt', 'beta');
    await h.engine.runOnce();
    await overwrite(h, 'a.txt', 'someone else wrote this');
    h.fs.remove(`${ROOT}/a.txt`);
    const deletesBefore = h.store.calls.delete;

    const summary = await h.engine.runOnce();
    expect(summary.deleted).toBe(0);
    expect(summary.failed).toEqual([]);
    expect(summary.conflicts).toEqual([
      expect.objectContaining({
        type: 'conflict',
        folderId: 'docs',
        relativePath: 'a.txt',
        remoteKey: 'alice/docs/a.txt',
        reason: expect.stringMatching(
          /deleted locally, but the object was changed in the bucket by someone else.*kept/,
        ),
      }),
    ]);
    expect(h.store.calls.delete).toBe(deletesBefore);
    expect(h.text('a.txt')).toBe('someone else wrote this');
    expect(h.journal.getFile('docs', 'a.txt')).toMatchObject({ state: 'synced' });

    // Every later run says so again, until the user decides.
    const again = await h.engine.runOnce();
    expect(again.conflicts.map((c) => c.relativePath)).toContain('a.txt');
    expect(h.text('a.txt')).toBe('someone else wrote this');
  });

  it('still deletes the object Ferry uploaded (HEAD first, then DELETE)', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'ours');
    h.write('b.txt', 'stays, so the folder is not empty');
    await h.engine.runOnce();
    h.fs.remove(`${ROOT}/a.txt`);
    const heads = h.store.calls.head;
    expect(await h.engine.runOnce()).toMatchObject({ deleted: 1, conflicts: [], failed: [] });
    expect(h.store.calls.head).toBeGreaterThan(heads);
    expect(h.object('a.txt')).toBeUndefined();
    expect(h.journal.getFile('docs', 'a.txt')).toBeUndefined();
  });

  it('forgets the record when the object is already gone, without a DELETE', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'ours');
    h.write('b.txt', 'stays, so the folder is not empty');
    await h.engine.runOnce();
    await h.store.delete({ bucket: 'sync-bucket', key: 'alice/docs/a.txt' });
    h.fs.remove(`${ROOT}/a.txt`);
    const deletes = h.store.calls.delete;
    const summary = await h.engine.runOnce();
    expect(summary).toMatchObject({ deleted: 0, conflicts: [], failed: [] });
    expect(h.store.calls.delete).toBe(deletes);
    expect(h.journal.getFile('docs', 'a.txt')).toBeUndefined();
    expect(h.statesOf('a.txt')).toContain('skipped');
    expect(ALREADY_GONE_NOTE).toMatch(/already gone/);
  });

  it('keeps the object when the last upload failed (Ferry cannot tell whose it is)', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'v1');
    h.write('b.txt', 'stays, so the folder is not empty');
    await h.engine.runOnce();
    h.write('a.txt', 'version two');
    h.store.failNext('putObject', networkDown(), 10);
    expect((await h.engine.runOnce()).failed).toHaveLength(1);
    h.fs.remove(`${ROOT}/a.txt`);
    const summary = await h.engine.runOnce();
    expect(summary.deleted).toBe(0);
    expect(summary.conflicts.map((c) => c.reason)).toEqual([
      expect.stringMatching(/last upload of it failed/),
    ]);
    expect(h.text('a.txt')).toBe('v1');
  });

  it('retries a HEAD that fails on the network, then deletes', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write('a.txt', 'ours');
    h.write('b.txt', 'stays, so the folder is not empty');
    await h.engine.runOnce();
    h.fs.remove(`${ROOT}/a.txt`);
    h.store.failNext('head', networkDown(), 1);
    expect(await h.engine.runOnce()).toMatchObject({ deleted: 1, failed: [] });
    expect(h.object('a.txt')).toBeUndefined();
  });
});
