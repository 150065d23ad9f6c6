import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { CheckpointPart } from '../../../../app/ports/journal.js';
import { crc64 } from '../../../../app/transfer/crc64.js';
import {
  expectedCrc64,
  partCrcMismatch,
  partsUsableFor,
  sameCrc64,
} from '../../../../app/transfer/multipart-integrity.js';
import { uploadMultipart } from '../../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import type { UploadTarget } from '../../../../app/transfer/upload-target.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import {
  MemoryObjectStore,
  type MemoryObjectStoreOptions,
} from '../../../fakes/memory-object-store.js';
import { rejection } from '../../../support/rejection.js';

const PATH = '/data/big.bin';
const PART = 1024;
const target: UploadTarget = {
  folderId: 'f',
  relativePath: 'big.bin',
  absolutePath: PATH,
  bucket: 'bucket',
  remoteKey: 'prefix/big.bin',
};

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** md5(concat(binary part md5s))-N: what a client relying on the S3 rule would expect. */
function s3Etag(content: Uint8Array): string {
  const digests: Buffer[] = [];
  for (let offset = 0; offset < content.byteLength; offset += PART) {
    digests.push(
      createHash('md5')
        .update(content.subarray(offset, offset + PART))
        .digest(),
    );
  }
  return `${md5(Buffer.concat(digests))}-${digests.length}`;
}

/** An OSS-like store (CRC-64 on every answer, opaque multipart ETag) and an uploader on it. */
function ossLike(content: Uint8Array, options: Partial<MemoryObjectStoreOptions> = {}) {
  const fs = new MemoryFileSystem();
  fs.mkdir('/data');
  fs.writeFile(PATH, content);
  const clock = new InstantClock();
  const store = new MemoryObjectStore({ minPartSize: PART, integrity: 'crc64', ...options });
  const journal = new MemoryJournal();
  const dependencies = {
    fs,
    store,
    journal,
    digest: nodeDigest,
    clock,
    bandwidth: new TokenBucket(0, clock),
  };
  const upload = async () => {
    const file = await fs.openFile(PATH);
    try {
      return await uploadMultipart(
        dependencies,
        target,
        file,
        { partSize: PART, partConcurrency: 2 },
        () => {},
      );
    } finally {
      await file.close();
    }
  };
  return { store, journal, upload };
}

describe('multipart uploads to a CRC-64 store (OSS)', () => {
  it('verifies by CRC-64 and accepts an S3-shaped ETag that is not md5(part md5s)', async () => {
    const content = randomBytes(5 * PART + 77);
    const { store, upload } = ossLike(content);

    const result = await upload();

    const stored = store.get('bucket', 'prefix/big.bin');
    expect(Buffer.compare(stored?.body ?? new Uint8Array(), content)).toBe(0);
    // The store's ETag looks like the S3 one but is not: comparing it would fail every upload.
    expect(stored?.etag).toMatch(/^[0-9a-f]{32}-6$/);
    expect(stored?.etag).not.toBe(s3Etag(content));
    expect(result).toMatchObject({ etag: stored?.etag, partsReused: 0 });
  });

  it('an object whose CRC-64 is not the parts’ combined CRC is a bad digest, retried', async () => {
    const content = randomBytes(3 * PART + 5);
    const { upload } = ossLike(content, {
      reportCrc64: (actual, answer) =>
        answer === 'completeMultipart' || answer === 'head' ? '12345' : actual,
    });

    const error = await rejection(upload());

    expect(error).toMatchObject({ code: 'bad-digest', disposition: 'retry' });
    expect(error.message).toContain(`CRC-64 12345, expected ${crc64(content)}`);
  });

  it('a store that reports no CRC-64 for the object cannot prove it: bad digest', async () => {
    const content = randomBytes(2 * PART + 1);
    const { store, upload } = ossLike(content);
    // HEAD and Complete answer without the header (a gateway that is not really OSS).
    const original = store.completeMultipart.bind(store);
    store.completeMultipart = async (request) => ({ etag: (await original(request)).etag });
    const head = store.head.bind(store);
    store.head = async (request) => {
      const info = await head(request);
      return info && { key: info.key, etag: info.etag, size: info.size };
    };

    expect(await rejection(upload())).toMatchObject({ code: 'bad-digest' });
  });

  it('a part whose CRC-64 the store computed differently fails that part as a bad digest', async () => {
    const content = randomBytes(3 * PART);
    const { store, upload } = ossLike(content, {
      reportCrc64: (actual, answer) => (answer === 'uploadPart' ? '1' : actual),
    });

    const error = await rejection(upload());

    expect(error).toMatchObject({ code: 'bad-digest', disposition: 'retry' });
    expect(error.message).toMatch(/part \d: the store computed CRC-64 1, Ferry \d+/);
    expect(store.get('bucket', 'prefix/big.bin')).toBeUndefined();
  });

  it('checkpoints each part’s CRC-64, and a resumed upload combines the stored ones', async () => {
    const content = randomBytes(6 * PART + 9);
    const { store, journal, upload } = ossLike(content);
    store.failNext('uploadPart', new SyncError('network', 'retry', 'reset'), 1);

    await expect(upload()).rejects.toThrow('reset');
    const checkpoint = journal.getCheckpoint('f', 'big.bin');
    expect(checkpoint?.parts.length).toBeGreaterThan(0);
    for (const part of checkpoint?.parts ?? []) {
      const bytes = content.subarray((part.partNumber - 1) * PART, part.partNumber * PART);
      expect(part.crc64).toBe(crc64(bytes));
    }
    const sentBefore = store.partUploads.length;

    const result = await upload();

    expect(result).toMatchObject({ partsReused: checkpoint?.parts.length });
    expect(store.partUploads.length - sentBefore).toBe(7 - (checkpoint?.parts.length ?? 0));
    expect(
      Buffer.compare(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array(), content),
    ).toBe(0);
  });

  it('parts checkpointed without a CRC-64 (an older Ferry) are sent again, the others reused', async () => {
    const content = randomBytes(4 * PART);
    const { store, journal, upload } = ossLike(content);
    const uploadPart = store.uploadPart.bind(store);
    let failing = 4;
    store.uploadPart = (request) =>
      request.partNumber === failing
        ? Promise.reject(new SyncError('network', 'retry', 'reset'))
        : uploadPart(request);
    await expect(upload()).rejects.toThrow('reset');
    failing = 0;
    const checkpoint = journal.getCheckpoint('f', 'big.bin');
    const parts = checkpoint?.parts ?? [];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    // Rewrite the first stored part's record as an older Ferry wrote it: no crc64.
    const [first, ...rest] = parts as [CheckpointPart, ...CheckpointPart[]];
    const withoutCrc = Object.fromEntries(
      Object.entries(first).filter(([name]) => name !== 'crc64'),
    ) as unknown as CheckpointPart;
    journal.startCheckpoint(checkpoint!); // replaces it, with no parts
    journal.addCheckpointPart('f', 'big.bin', withoutCrc);
    for (const part of rest) journal.addCheckpointPart('f', 'big.bin', part);
    const sentBefore = store.partUploads.map((p) => p.partNumber);

    const result = await upload();

    expect(result).toMatchObject({ partsReused: rest.length });
    const resent = store.partUploads.slice(sentBefore.length).map((p) => p.partNumber);
    expect(resent).toContain(first.partNumber);
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
  });

  it('an upload completed by an earlier attempt is recognised by its CRC-64, not sent again', async () => {
    const content = randomBytes(3 * PART + 3);
    const { store, journal, upload } = ossLike(content);
    // The Complete happens, but its answer is lost: the attempt ends with the checkpoint kept.
    const complete = store.completeMultipart.bind(store);
    let lose = true;
    store.completeMultipart = async (request) => {
      const answer = await complete(request);
      if (lose) {
        lose = false;
        throw new SyncError('network', 'retry', 'connection reset after Complete');
      }
      return answer;
    };
    const head = store.head.bind(store);
    let headFails = 4; // every try of the first attempt's verifying HEAD (STEP_RETRY)
    store.head = async (request) => {
      if (headFails-- > 0) throw new SyncError('network', 'retry', 'HEAD reset');
      return head(request);
    };
    await expect(upload()).rejects.toThrow();
    expect(journal.getCheckpoint('f', 'big.bin')).toBeDefined();
    const creates = store.calls.createMultipart;
    const partsSent = store.partUploads.length;

    const result = await upload();

    expect(result).toMatchObject({ partsReused: 4 });
    expect(store.calls.createMultipart).toBe(creates);
    expect(store.partUploads.length).toBe(partsSent);
    expect(journal.getCheckpoint('f', 'big.bin')).toBeUndefined();
  });
});

describe('multipart-integrity helpers', () => {
  const part = (n: number, bytes: Uint8Array, withCrc = true): CheckpointPart => ({
    partNumber: n,
    etag: `e${n}`,
    size: bytes.length,
    md5: md5(bytes),
    ...(withCrc ? { crc64: crc64(bytes) } : {}),
  });

  it('expectedCrc64 combines the parts in part order, and needs every part’s CRC', () => {
    const a = randomBytes(100);
    const b = randomBytes(37);
    const whole = crc64(Buffer.concat([a, b]));
    expect(expectedCrc64('crc64', [part(2, b), part(1, a)])).toBe(whole);
    expect(expectedCrc64('crc64', [part(1, a), part(2, b, false)])).toBeUndefined();
    expect(expectedCrc64('s3-md5-of-md5s', [part(1, a)])).toBeUndefined();
  });

  it('sameCrc64 needs the object, its size and an equal reported CRC', () => {
    const head = { key: 'k', etag: 'x-1', size: 10 };
    expect(sameCrc64(head, '5', 10, '5')).toBe(true);
    expect(sameCrc64(head, '5', 11, '5')).toBe(false);
    expect(sameCrc64(head, '6', 10, '5')).toBe(false);
    expect(sameCrc64(head, undefined, 10, '5')).toBe(false);
    expect(sameCrc64(head, '5', 10, undefined)).toBe(false);
    expect(sameCrc64(null, '5', 10, '5')).toBe(false);
  });

  it('partsUsableFor keeps CRC-less parts only where the store does not verify by CRC', () => {
    const bytes = randomBytes(8);
    const parts = [part(1, bytes), part(2, bytes, false)];
    expect(partsUsableFor('crc64', parts).map((p) => p.partNumber)).toEqual([1]);
    expect(partsUsableFor('s3-md5-of-md5s', parts).map((p) => p.partNumber)).toEqual([1, 2]);
  });

  it('partCrcMismatch says nothing when either side is missing or they agree', () => {
    expect(partCrcMismatch('1', '1')).toBeUndefined();
    expect(partCrcMismatch(undefined, '1')).toBeUndefined();
    expect(partCrcMismatch('1', undefined)).toBeUndefined();
    expect(partCrcMismatch('1', '2')).toBe('the store computed CRC-64 2, Ferry 1');
  });
});
