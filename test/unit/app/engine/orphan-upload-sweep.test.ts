import { describe, expect, it } from 'vitest';

import { ORPHAN_GRACE_MS, OrphanUploadSweep } from '../../../../app/engine/orphan-upload-sweep.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { ObjectRef } from '../../../../app/ports/object-store.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const HOUR = 60 * 60_000;

function folder(prefix: string): FolderSpec {
  return {
    id: 'data',
    root: '/data',
    profileId: 'p',
    bucket: 'bucket',
    prefix,
    mode: 'upload',
    ignore: [],
    remoteListing: false,
    deleteDelayMs: 0,
  };
}

/** A store that creates the upload and then loses the answer (a reset after the request). */
class LostCreateStore extends MemoryObjectStore {
  loseNextCreate = false;

  override async createMultipart(request: ObjectRef): Promise<{ readonly uploadId: string }> {
    const answer = await super.createMultipart(request);
    if (this.loseNextCreate) {
      this.loseNextCreate = false;
      throw new SyncError('network', 'retry', 'CreateMultipartUpload: socket hang up.');
    }
    return answer;
  }
}

function setup(prefix = 'prefix/', pageSize = 1000) {
  const clock = new InstantClock();
  const store = new LostCreateStore({ now: () => clock.now(), pageSize });
  const journal = new MemoryJournal();
  const logger = new CaptureLogger();
  const sweep = new OrphanUploadSweep(
    {
      journal,
      clock,
      logger,
      folders: [folder(prefix)],
      stores: new Map([['p', store]]),
    },
    { graceMs: ORPHAN_GRACE_MS },
  );
  const open = async () =>
    (await store.listMultipartUploads({ bucket: 'bucket', prefix: '' })).uploads
      .map((u) => u.key)
      .sort();
  return { clock, store, journal, logger, sweep, open };
}

function checkpoint(journal: MemoryJournal, key: string, uploadId: string, at: number): void {
  journal.startCheckpoint({
    folderId: 'data',
    relativePath: key.slice('prefix/'.length),
    bucket: 'bucket',
    remoteKey: key,
    uploadId,
    size: 10,
    mtimeMs: 1,
    partSize: 5,
    createdAt: at,
  });
}

describe('OrphanUploadSweep', () => {
  it('aborts unknown uploads older than the grace period; young ones and checkpointed ones stay', async () => {
    const { clock, store, journal, sweep, open } = setup();
    await store.createMultipart({ bucket: 'bucket', key: 'prefix/old-orphan.bin' });
    const live = await store.createMultipart({ bucket: 'bucket', key: 'prefix/old-live.bin' });
    checkpoint(journal, 'prefix/old-live.bin', live.uploadId, clock.now());
    await store.createMultipart({ bucket: 'bucket', key: 'elsewhere/old.bin' });
    clock.advance(2 * HOUR);
    await store.createMultipart({ bucket: 'bucket', key: 'prefix/young.bin' });

    expect(await sweep.sweep({ includeSuspects: true })).toBe(1);

    expect(await open()).toEqual(['elsewhere/old.bin', 'prefix/old-live.bin', 'prefix/young.bin']);
  });

  it('an upload whose CreateMultipartUpload answer was lost is aborted once nothing runs', async () => {
    const { store, sweep, open } = setup();
    const watched = sweep.watch(store);
    store.loseNextCreate = true;
    await expect(
      watched.createMultipart({ bucket: 'bucket', key: 'prefix/big.bin' }),
    ).rejects.toThrow('socket hang up');
    // The retry creates the upload that is then completed (or checkpointed).
    await store.createMultipart({ bucket: 'bucket', key: 'prefix/other.bin' });

    expect(await sweep.sweep({ includeSuspects: false })).toBe(0);
    expect(await open()).toEqual(['prefix/big.bin', 'prefix/other.bin']);
    expect(await sweep.sweep({ includeSuspects: true })).toBe(1);
    expect(await open()).toEqual(['prefix/other.bin']);
  });

  it('a definite refusal of CreateMultipartUpload makes no suspect', async () => {
    const { store, sweep } = setup();
    store.failNext('createMultipart', new SyncError('access-denied', 'no-retry', 'denied'));
    await expect(
      sweep.watch(store).createMultipart({ bucket: 'bucket', key: 'prefix/x.bin' }),
    ).rejects.toThrow('denied');
    // Another tool's young upload of the same key is not touched.
    await store.createMultipart({ bucket: 'bucket', key: 'prefix/x.bin' });

    expect(await sweep.sweep({ includeSuspects: true })).toBe(0);
  });

  it('the watched store is the same store for every other call', async () => {
    const { store, sweep } = setup();
    const watched = sweep.watch(store);
    const body = new TextEncoder().encode('hi');
    await watched.putObject({
      bucket: 'bucket',
      key: 'prefix/a',
      body,
      md5Hex: '49f68a5c8493ec2c0bf489821c21fc3b',
    });
    expect(await watched.head({ bucket: 'bucket', key: 'prefix/a' })).toMatchObject({ size: 2 });
    expect(watched.integrity).toBe(store.integrity);
  });

  it('a whole-bucket folder aborts only its own lost uploads, never other old ones', async () => {
    const { clock, store, sweep, open } = setup('');
    await store.createMultipart({ bucket: 'bucket', key: 'someone-else.bin' });
    clock.advance(2 * HOUR);

    expect(await sweep.sweep({ includeSuspects: true })).toBe(0);
    expect(await open()).toEqual(['someone-else.bin']);
  });

  it('reads every page of the listing', async () => {
    const { clock, store, sweep, open } = setup('prefix/', 2);
    for (let i = 0; i < 7; i++) {
      await store.createMultipart({ bucket: 'bucket', key: `prefix/${i}.bin` });
    }
    clock.advance(2 * HOUR);

    expect(await sweep.sweep({ includeSuspects: false })).toBe(7);
    expect(await open()).toEqual([]);
  });

  it('AccessDenied on the listing skips the sweep with one log line, once', async () => {
    const { store, logger, sweep } = setup();
    store.denyKeysMatching(/^prefix\/$/, ['listMultipartUploads']);

    expect(await sweep.sweep({ includeSuspects: true })).toBe(0);
    expect(await sweep.sweep({ includeSuspects: true })).toBe(0);

    expect(logger.lines.map((l) => l.message)).toEqual([
      'cannot list multipart uploads: abandoned uploads are not looked for',
    ]);
    expect(store.calls.listMultipartUploads).toBe(1);
  });

  it('any other listing failure is logged and the sweep ends without throwing', async () => {
    const { store, logger, sweep } = setup();
    store.failNext('listMultipartUploads', new SyncError('server-error', 'retry', '503 SlowDown'));

    expect(await sweep.sweep({ includeSuspects: true })).toBe(0);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
  });
});
