import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { PutObjectRequest, UploadPartRequest } from '../../../../app/ports/object-store.js';
import { FileLedger } from '../../../../app/sync/file-ledger.js';
import { AuthRetryingStore } from '../../../../app/transfer/auth-retrying-store.js';
import { FileUploader } from '../../../../app/transfer/file-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { PROGRESS_INTERVAL_MS, UploadProgress } from '../../../../app/transfer/upload-progress.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { FakeTokenProvider } from '../../../fakes/fake-token-provider.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

describe('UploadProgress', () => {
  function tracked() {
    const clock = new InstantClock();
    const reports: number[] = [];
    const progress = new UploadProgress((bytes) => reports.push(bytes), clock);
    return { clock, reports, progress };
  }

  it('reports at most once per interval, the first only after one interval', () => {
    const { clock, reports, progress } = tracked();
    const part = progress.sending(1, 1_000);
    part(100); // a small file done within the interval costs no report at all
    expect(reports).toEqual([]);
    clock.advance(PROGRESS_INTERVAL_MS);
    part(200);
    part(300); // same instant: throttled
    clock.advance(PROGRESS_INTERVAL_MS - 1);
    part(400);
    clock.advance(1);
    part(500);
    expect(reports).toEqual([200, 500]);
  });

  it('a request sent again replaces its figure: nothing counted twice, never below the confirmed', () => {
    const { clock, reports, progress } = tracked();
    progress.confirm(1, 1_000); // a part the store already held
    const part2 = progress.sending(2, 1_000);
    part2(800);
    expect(progress.bytesDone).toBe(1_800);
    part2(100); // re-sent (a refreshed token): from 0 again
    expect(progress.bytesDone).toBe(1_100);
    part2(5_000); // never more than the part itself
    expect(progress.bytesDone).toBe(2_000);
    progress.drop(2); // failed: what it had sent is not in the store
    expect(progress.bytesDone).toBe(1_000);
    clock.advance(PROGRESS_INTERVAL_MS);
    progress.sending(3, 1_000)(0);
    expect(reports).toEqual([1_000]);
  });

  it('confirming a request moves its bytes from in flight to confirmed without a jump', () => {
    const { progress } = tracked();
    const part = progress.sending(4, 500);
    part(500);
    progress.confirm(4, 500);
    expect(progress.bytesDone).toBe(500);
    part(500); // a write callback that ran after the answer: already counted
    expect(progress.bytesDone).toBe(500);
  });
});

/** Each body goes out in quarters, 300 ms apart; `deny` says which calls fail half-way. */
function slowStore(clock: InstantClock, deny: (partNumber: number, call: number) => boolean) {
  const inner = new MemoryObjectStore({ minPartSize: 1024 });
  const calls = new Map<number, number>();
  const send = async (
    request: PutObjectRequest | UploadPartRequest,
    partNumber: number,
  ): Promise<void> => {
    const call = (calls.get(partNumber) ?? 0) + 1;
    calls.set(partNumber, call);
    for (let quarter = 1; quarter <= 4; quarter++) {
      await Promise.resolve();
      clock.advance(300);
      request.onProgress?.((request.body.byteLength * quarter) / 4);
      if (quarter === 2 && deny(partNumber, call)) {
        throw new SyncError('access-denied', 'no-retry', 'the token was refused');
      }
    }
  };
  const store = Object.assign(Object.create(inner) as MemoryObjectStore, {
    putObject: async (request: PutObjectRequest) => {
      await send(request, 1);
      return inner.putObject(request);
    },
    uploadPart: async (request: UploadPartRequest) => {
      await send(request, request.partNumber);
      return inner.uploadPart(request);
    },
  });
  return { inner, store };
}

function uploader(store: MemoryObjectStore, clock: InstantClock, fs: MemoryFileSystem) {
  const journal = new MemoryJournal();
  return new FileUploader(
    {
      fs,
      store: new AuthRetryingStore(store, new FakeTokenProvider()),
      journal,
      ledger: new FileLedger(journal, clock, [{ id: 'f', prefix: '' }]),
      digest: nodeDigest,
      clock,
      bandwidth: new TokenBucket(0, clock),
    },
    { partSize: 4096, partConcurrency: 1, stability: { settleMs: 0, quietMs: 1, maxProbes: 1 } },
  );
}

function targetFor(fs: MemoryFileSystem, name: string, bytes: Uint8Array) {
  fs.mkdir('/data');
  fs.writeFile(`/data/${name}`, bytes, 0);
  return {
    folderId: 'f',
    relativePath: name,
    absolutePath: `/data/${name}`,
    root: '/data',
    bucket: 'bucket',
    remoteKey: name,
  };
}

describe('byte progress through the uploaders', () => {
  it('a single PUT moves inside its body', async () => {
    const clock = new InstantClock();
    const fs = new MemoryFileSystem();
    const { store } = slowStore(clock, () => false);
    const target = targetFor(fs, 'one.bin', randomBytes(4000));
    const reports: number[] = [];
    const outcome = await uploader(store, clock, fs).upload(target, (b) => reports.push(b));
    expect(outcome).toMatchObject({ kind: 'uploaded', size: 4000 });
    expect(reports).toEqual([1000, 2000, 3000, 4000]); // the confirmation, same instant: throttled
  });

  it('multipart: moves inside each part; a part sent again is not counted twice', async () => {
    const clock = new InstantClock();
    const fs = new MemoryFileSystem();
    // Part 2's first sending is refused half-way; AuthRetryingStore sends it again from 0.
    const { store } = slowStore(clock, (part, call) => part === 2 && call === 1);
    const size = 3 * 4096;
    const target = targetFor(fs, 'big.bin', randomBytes(size));
    const reports: number[] = [];
    const outcome = await uploader(store, clock, fs).upload(target, (b) => reports.push(b));
    expect(outcome).toMatchObject({ kind: 'uploaded', size });
    expect(reports).toEqual([
      ...[1024, 2048, 3072, 4096], // part 1
      ...[5120, 6144], // part 2, refused half-way…
      ...[5120, 6144, 7168, 8192], // …sent again from 0: replaces, never adds (nor below 4096)
      ...[9216, 10240, 11264, 12288], // part 3
    ]);
    expect(Math.max(...reports)).toBe(size);
  });
});
