import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { Digest } from '../../../../app/ports/digest.js';
import type { FileStat, OpenFile } from '../../../../app/ports/file-system.js';
import { uploadMultipart } from '../../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** A 100 GiB file that reads as zeros: only the part buffers are ever allocated. */
function hugeFile(size: number): OpenFile {
  const stat: FileStat = { kind: 'file', size, mtimeMs: 1 };
  return {
    stat,
    readInto: (offset, target) => {
      const count = Math.max(0, Math.min(target.byteLength, size - offset));
      target.fill(0, 0, count);
      return Promise.resolve(count);
    },
    restat: () => Promise.resolve(stat),
    close: () => Promise.resolve(),
  };
}

describe('uploadMultipart with a file over 10,000 parts of the configured size', () => {
  it('uses the raised part size for the parts and records it in the checkpoint', async () => {
    const clock = new InstantClock();
    const journal = new MemoryJournal();
    const store = new MemoryObjectStore();
    const allocations: number[] = [];
    const digest: Digest = {
      ...nodeDigest,
      allocate: (size) => {
        allocations.push(size);
        return nodeDigest.allocate(size);
      },
    };
    // Stop after the first part: what matters is the size the upload was planned with.
    store.failNext('uploadPart', new SyncError('server-error', 'no-retry', 'stop here'));
    const target = {
      folderId: 'f',
      relativePath: 'disk.img',
      absolutePath: '/data/disk.img',
      bucket: 'bucket',
      remoteKey: 'p/disk.img',
    };
    const upload = uploadMultipart(
      {
        fs: new MemoryFileSystem(),
        store,
        journal,
        digest,
        clock,
        bandwidth: new TokenBucket(0, clock),
      },
      target,
      hugeFile(100 * GiB),
      { partSize: 8 * MiB, partConcurrency: 1 },
      () => {},
    );
    await expect(upload).rejects.toThrow('stop here');
    // 100 GiB / 10,000 = 10.24 MiB → 11 MiB parts (8 MiB would need 12,800).
    expect(journal.getCheckpoint('f', 'disk.img')?.partSize).toBe(11 * MiB);
    expect(allocations).toEqual([11 * MiB]);
  });
});
