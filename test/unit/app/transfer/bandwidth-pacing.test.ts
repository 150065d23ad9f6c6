import { describe, expect, it } from 'vitest';

import type { PutObjectRequest, UploadPartRequest } from '../../../../app/ports/object-store.js';
import { FileLedger } from '../../../../app/sync/file-ledger.js';
import { FileUploader } from '../../../../app/transfer/file-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const ROOT = '/data';
const PART = 1024;
const RATE = 1000; // bytes per second

/** Records what each body request was given to pace its bytes with, before the memory store
 *  (which, as the port says, paces the whole body once). */
class PacingRecorder extends MemoryObjectStore {
  readonly paced: { request: string; bytes: number; at: number }[] = [];
  constructor(private readonly clock: InstantClock) {
    super({ minPartSize: PART });
  }
  override putObject(request: PutObjectRequest) {
    return super.putObject({ ...request, pace: this.recording('put', request.pace) });
  }
  override uploadPart(request: UploadPartRequest) {
    return super.uploadPart({
      ...request,
      pace: this.recording(`part ${request.partNumber}`, request.pace),
    });
  }
  private recording(name: string, pace: PutObjectRequest['pace']): PutObjectRequest['pace'] {
    if (!pace) throw new Error(`${name}: sent without pace: the bandwidth limit would be skipped`);
    return async (bytes) => {
      await pace(bytes);
      this.paced.push({ request: name, bytes, at: this.clock.now() });
    };
  }
}

function setup() {
  const clock = new InstantClock();
  const fs = new MemoryFileSystem();
  fs.mkdir(ROOT);
  const store = new PacingRecorder(clock);
  const journal = new MemoryJournal();
  const uploader = new FileUploader(
    {
      fs,
      store,
      journal,
      ledger: new FileLedger(journal, clock, [{ id: 'f', prefix: '' }]),
      digest: nodeDigest,
      clock,
      bandwidth: new TokenBucket(RATE, clock),
    },
    { partSize: PART, partConcurrency: 2, stability: { settleMs: 0, quietMs: 1, maxProbes: 1 } },
  );
  const upload = (name: string, size: number) => {
    fs.writeFile(`${ROOT}/${name}`, 'x'.repeat(size), clock.now() - 60_000);
    const target = { folderId: 'f', relativePath: name, absolutePath: `${ROOT}/${name}` };
    return uploader.upload({ ...target, root: ROOT, bucket: 'b', remoteKey: name }, () => {});
  };
  return { clock, store, upload };
}

describe('the bandwidth limit is applied where the bytes leave (issue 13: no 8 MiB jumps)', () => {
  it('a single PUT hands the store its share to pace, for every byte of the body', async () => {
    const h = setup();
    const start = h.clock.now();
    await h.upload('small.txt', 700);
    expect(h.store.paced.map((p) => p.request)).toEqual(['put']);
    expect(h.store.paced[0]?.bytes).toBe(700);
    // The first second's burst allowance covers 700 bytes: no wait yet.
    expect(h.store.paced[0]?.at).toBe(start);
  });

  it('multipart: each part is paced by the store, and the limit holds over the whole file', async () => {
    const h = setup();
    const start = h.clock.now();
    await h.upload('big.bin', 3 * PART + 100);
    const total = h.store.paced.reduce((sum, p) => sum + p.bytes, 0);
    expect(total).toBe(3 * PART + 100);
    expect(new Set(h.store.paced.map((p) => p.request))).toEqual(
      new Set(['part 1', 'part 2', 'part 3', 'part 4']),
    );
    // 3,172 bytes at 1,000 B/s with a one-second burst: at least ~2.1 s of (instant) time.
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(2_000);
  });
});
