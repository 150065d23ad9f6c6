import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { Digest } from '../../../../app/ports/digest.js';
import type { OpenFile } from '../../../../app/ports/file-system.js';
import { uploadMultipart } from '../../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import type { UploadTarget } from '../../../../app/transfer/upload-target.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
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

function setup(content: Uint8Array) {
  const fs = new MemoryFileSystem();
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
  /** Uploads from a handle opened now, or from one opened earlier (the file changed since). */
  const upload = async (partSize: number, partConcurrency: number, opened?: OpenFile) => {
    const file = opened ?? (await fs.openBeneath('/data', 'big.bin'));
    try {
      return await uploadMultipart(
        dependencies,
        target,
        file,
        { partSize, partConcurrency },
        () => {},
      );
    } finally {
      await file.close();
    }
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
    const distinct = new Set(fs.reads.map((view) => view.buffer));
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

  it('reads every part from the handle it was given, even when the path is swapped meanwhile', async () => {
    const content = randomBytes(5 * 1024 + 1);
    const { fs, store, upload } = setup(content);
    const file = await fs.openBeneath('/data', 'big.bin');
    // The folder's directory becomes a link to one holding another file of the same name.
    fs.writeFile('/outside/big.bin', randomBytes(5 * 1024 + 1));
    fs.rename('/data', '/moved');
    fs.symlink('/data', '/outside');

    await upload(1024, 2, file);

    expect(
      Buffer.compare(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array(), content),
    ).toBe(0);
    expect(fs.openHandles).toBe(0);
  });

  it('reports a file that shrank since it was opened as changed, and aborts the upload', async () => {
    const content = randomBytes(4 * 1024);
    const { fs, store, upload } = setup(content);
    const file = await fs.openBeneath('/data', 'big.bin');
    fs.writeFile(PATH, content.subarray(0, 3 * 1024 + 10), file.stat.mtimeMs); // in place

    expect(await upload(1024, 2, file)).toBe('changed');
    expect(store.calls.abortMultipart).toBe(1);
    expect(store.get('bucket', 'prefix/big.bin')).toBeUndefined();
  });
});
