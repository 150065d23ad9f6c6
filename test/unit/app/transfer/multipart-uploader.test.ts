import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { Digest } from '../../../../app/ports/digest.js';
import type { FileStat, FileSystem } from '../../../../app/ports/file-system.js';
import { uploadMultipart } from '../../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import type { UploadTarget } from '../../../../app/transfer/upload-target.js';
import { nodeDigest } from '../../../../main/adapters/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const PATH = '/data/big.bin';
const target: UploadTarget = {
  folderId: 'f',
  relativePath: 'big.bin',
  absolutePath: PATH,
  bucket: 'bucket',
  remoteKey: 'prefix/big.bin',
};

/** The memory disk with the optional readInto, which lets the uploader reuse its buffers. */
class ReadIntoFileSystem extends MemoryFileSystem {
  readonly reads: Uint8Array[] = [];

  async readInto(path: string, offset: number, into: Uint8Array): Promise<number> {
    const bytes = await this.readRange(path, offset, into.byteLength);
    into.set(bytes);
    this.reads.push(into);
    return bytes.byteLength;
  }
}

function setup(content: Uint8Array, fs: FileSystem & MemoryFileSystem = new ReadIntoFileSystem()) {
  fs.mkdir('/data');
  fs.writeFile(PATH, content);
  const clock = new InstantClock();
  const store = new MemoryObjectStore({ minPartSize: 1024 });
  const allocations: number[] = [];
  const digest: Digest = {
    ...nodeDigest,
    allocate: (size) => {
      allocations.push(size);
      return nodeDigest.allocate(size);
    },
  };
  const dependencies = {
    fs,
    store,
    journal: new MemoryJournal(),
    digest,
    clock,
    bandwidth: new TokenBucket(0, clock),
  };
  /** Uploads with the file's stat now, or with an earlier one (the file changed since). */
  const upload = async (partSize: number, partConcurrency: number, stat?: FileStat | null) => {
    const before = stat === undefined ? await fs.stat(PATH) : stat;
    if (!before) throw new Error('no file');
    return uploadMultipart(dependencies, target, before, { partSize, partConcurrency }, () => {});
  };
  return { fs, store, allocations, upload };
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** md5(concat(binary part md5s))-N, the S3 rule. */
function multipartEtag(content: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let offset = 0; offset < content.byteLength; offset += partSize) {
    digests.push(
      createHash('md5')
        .update(content.subarray(offset, offset + partSize))
        .digest(),
    );
  }
  return `${md5(Buffer.concat(digests))}-${digests.length}`;
}

describe('uploadMultipart', () => {
  it('reuses one buffer per part in flight, and the store assembles the exact bytes', async () => {
    const content = randomBytes(10 * 4096 + 123); // 11 parts, the last one short
    const { store, allocations, upload, fs } = setup(content);

    const result = await upload(4096, 3);

    expect(result).toMatchObject({ etag: multipartEtag(content, 4096), partsReused: 0 });
    expect(
      Buffer.compare(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array(), content),
    ).toBe(0);
    expect(allocations.length).toBeLessThanOrEqual(3);
    expect(allocations.every((size) => size === 4096)).toBe(true);
    // 11 reads into at most 3 distinct buffers.
    const distinct = new Set((fs as ReadIntoFileSystem).reads.map((view) => view.buffer));
    expect(distinct.size).toBeLessThanOrEqual(3);
  });

  it('hashes large parts off the main thread with the same result (Content-MD5 checked)', async () => {
    // Parts above the worker threshold; the memory store refuses a part whose MD5 is wrong.
    const partSize = 512 * 1024;
    const content = randomBytes(3 * partSize + 4567);
    const { store, upload } = setup(content);

    const result = await upload(partSize, 2);

    expect(result).toMatchObject({ etag: multipartEtag(content, partSize) });
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
  });

  it('resumes after a failed part with correct bytes (a failed part’s buffer is not reused)', async () => {
    const content = randomBytes(6 * 2048);
    const { store, upload } = setup(content);
    store.failNext('uploadPart', new SyncError('network', 'retry', 'connection reset'));

    await expect(upload(2048, 2)).rejects.toThrow('connection reset');
    const result = await upload(2048, 2);

    expect(result).toMatchObject({ etag: multipartEtag(content, 2048) });
    expect(
      Buffer.compare(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array(), content),
    ).toBe(0);
  });

  it('works on a file system without readInto (a buffer per read)', async () => {
    const content = randomBytes(5 * 1024 + 1);
    const { store, upload } = setup(content, new MemoryFileSystem());

    await upload(1024, 2);

    expect(
      Buffer.compare(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array(), content),
    ).toBe(0);
  });

  it("reports a file that shrank since it was stat'ed as changed, and aborts the upload", async () => {
    const content = randomBytes(4 * 1024);
    const { fs, store, upload } = setup(content);
    const before = await fs.stat(PATH);
    fs.writeFile(PATH, content.subarray(0, 3 * 1024 + 10), before?.mtimeMs);

    expect(await upload(1024, 2, before)).toBe('changed');
    expect(store.calls.abortMultipart).toBe(1);
    expect(store.get('bucket', 'prefix/big.bin')).toBeUndefined();
  });
});
