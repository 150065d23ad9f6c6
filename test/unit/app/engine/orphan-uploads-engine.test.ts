import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { ObjectStore } from '../../../../app/ports/object-store.js';
import { flushMicrotasks, type FakeClock } from '../../../fakes/fake-clock.js';
import type { MemoryObjectStore } from '../../../fakes/memory-object-store.js';
import { createHarness, PART } from './engine-harness.js';

const HOUR = 3_600_000;
const BUCKET = 'sync-bucket';

/**
 * The store as the harness has it, plus two faults: the first CreateMultipartUpload is carried out
 * but its answer lost; and listed uploads report when they started on the engine's clock (the
 * memory store would report the real time, which the engine's fake clock is not).
 */
function lossy(started: Map<string, number>, clock: () => number, loseFirstCreate: boolean) {
  return (store: MemoryObjectStore): ObjectStore => {
    let lost = !loseFirstCreate;
    return new Proxy(store, {
      get: (target, property) => {
        if (property === 'createMultipart') {
          return async (request: Parameters<ObjectStore['createMultipart']>[0]) => {
            const answer = await target.createMultipart(request);
            started.set(answer.uploadId, clock());
            if (!lost) {
              lost = true;
              throw new SyncError('network', 'retry', 'CreateMultipartUpload: socket hang up.');
            }
            return answer;
          };
        }
        if (property === 'listMultipartUploads') {
          return async (request: Parameters<ObjectStore['listMultipartUploads']>[0]) => {
            const page = await target.listMultipartUploads(request);
            return {
              ...page,
              uploads: page.uploads.map((u) => ({
                ...u,
                initiatedAt: started.get(u.uploadId) ?? u.initiatedAt,
              })),
            };
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  };
}

async function openUploads(store: MemoryObjectStore): Promise<string[]> {
  const page = await store.listMultipartUploads({ bucket: BUCKET, prefix: '' });
  return page.uploads.map((u) => u.key).sort();
}

describe('orphan multipart uploads in the engine', () => {
  it('--once: the upload a lost CreateMultipartUpload answer created is aborted by the end of the run', async () => {
    const started = new Map<string, number>();
    let now = () => 0;
    const h = createHarness({ wrapStore: lossy(started, () => now(), true) });
    now = () => h.clock.now();
    h.write('big.bin', new Uint8Array(3 * PART + 5).fill(7));

    const summary = await h.engine.runOnce();

    expect(summary).toMatchObject({ uploaded: 1, failed: [] });
    expect(h.store.calls.createMultipart).toBe(2);
    expect(h.store.calls.abortMultipart).toBe(1);
    expect(await openUploads(h.store)).toEqual([]);
  });

  it('--once: unknown uploads under the prefix older than an hour are aborted, young ones and others stay', async () => {
    const started = new Map<string, number>();
    let now = () => 0;
    const h = createHarness({ wrapStore: lossy(started, () => now(), false) });
    now = () => h.clock.now();
    const raw = h.store;
    const old = await raw.createMultipart({ bucket: BUCKET, key: 'alice/docs/crashed.bin' });
    started.set(old.uploadId, h.clock.now() - 2 * HOUR);
    const young = await raw.createMultipart({ bucket: BUCKET, key: 'alice/docs/other-pc.bin' });
    started.set(young.uploadId, h.clock.now() - 60_000);
    const outside = await raw.createMultipart({ bucket: BUCKET, key: 'bob/old.bin' });
    started.set(outside.uploadId, h.clock.now() - 5 * HOUR);

    await h.engine.runOnce();

    expect(await openUploads(h.store)).toEqual(['alice/docs/other-pc.bin', 'bob/old.bin']);
  });

  it('watching: old orphans go at start, and later ones with the periodic sweep', async () => {
    const started = new Map<string, number>();
    let now = () => 0;
    const h = createHarness({ clock: 'fake', wrapStore: lossy(started, () => now(), false) });
    now = () => h.clock.now();
    const clock = h.clock as FakeClock;
    const old = await h.store.createMultipart({ bucket: BUCKET, key: 'alice/docs/a.bin' });
    started.set(old.uploadId, clock.now() - 2 * HOUR);
    const young = await h.store.createMultipart({ bucket: BUCKET, key: 'alice/docs/b.bin' });
    started.set(young.uploadId, clock.now() - 60_000);

    await h.engine.start();
    expect(await openUploads(h.store)).toEqual(['alice/docs/b.bin']);

    await clock.advance(HOUR + 1);
    await flushMicrotasks();
    expect(await openUploads(h.store)).toEqual([]);
    await h.engine.stop();
  });
});
