import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../app/errors/sync-error.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { describeObjectStoreContract } from '../../contracts/object-store-contract.js';
import { flushMicrotasks } from '../../fakes/fake-clock.js';
import { MemoryObjectStore } from '../../fakes/memory-object-store.js';
import { rejection } from '../../support/rejection.js';

const bucket = 'bucket';
const text = (s: string) => new TextEncoder().encode(s);
const md5 = (bytes: Uint8Array) => nodeDigest.md5Hex(bytes);
const put = (store: MemoryObjectStore, key: string, content = key) =>
  store.putObject({ bucket, key, body: text(content), md5Hex: md5(text(content)) });

// A page size of 2 makes every listing of more than two keys follow continuation tokens.
describeObjectStoreContract('MemoryObjectStore', () =>
  Promise.resolve({
    store: (() => {
      const store = new MemoryObjectStore({ pageSize: 2 });
      store.denyKeysMatching(/^bob\//, ['putObject', 'uploadPart', 'createMultipart']);
      return store;
    })(),
    bucket,
    prefix: 'alice/',
    deniedPrefix: 'bob/',
  }),
);

describeObjectStoreContract('MemoryObjectStore, OSS-like (CRC-64, opaque multipart ETag)', () =>
  Promise.resolve({
    store: (() => {
      const store = new MemoryObjectStore({ pageSize: 2, integrity: 'crc64' });
      store.denyKeysMatching(/^bob\//, ['putObject', 'uploadPart', 'createMultipart']);
      return store;
    })(),
    bucket,
    prefix: 'alice/',
    deniedPrefix: 'bob/',
  }),
);

describeObjectStoreContract('MemoryObjectStore mimicking Ceph (empty Complete ETag)', () =>
  Promise.resolve({
    store: new MemoryObjectStore({ emptyCompleteEtag: true }),
    bucket,
    prefix: 'alice/',
  }),
);

describe('MemoryObjectStore test helpers', () => {
  it('failNext fails the next N calls of one method with the given error, then recovers', async () => {
    const store = new MemoryObjectStore();
    const flaky = new SyncError('network', 'retry', 'PutObject: connection reset.');
    store.failNext('putObject', flaky, 2);
    expect(await rejection(put(store, 'a'))).toBe(flaky);
    expect(await store.head({ bucket, key: 'a' })).toBeNull(); // other methods unaffected
    expect(await rejection(put(store, 'a'))).toBe(flaky);
    await expect(put(store, 'a')).resolves.toEqual({ etag: md5(text('a')) });
    expect(store.calls.putObject).toBe(3);
    expect(store.calls.head).toBe(1);
  });

  it('denyKeysMatching denies only the named methods on matching keys', async () => {
    const store = new MemoryObjectStore();
    await put(store, 'bob/old.txt');
    store.denyKeysMatching(/^bob\//, ['putObject', 'delete']);
    const error = await rejection(put(store, 'bob/new.txt'));
    expect(error).toMatchObject({ code: 'access-denied', disposition: 'no-retry' });
    expect(error.message).toBe(
      'PutObject bob/new.txt: denied by the store (AccessDenied), even with fresh credentials.',
    );
    expect(await rejection(store.delete({ bucket, key: 'bob/old.txt' }))).toMatchObject({
      code: 'access-denied',
    });
    expect(await store.head({ bucket, key: 'bob/old.txt' })).not.toBeNull();
    await expect(put(store, 'alice/bob/x.txt')).resolves.toBeDefined();
  });

  it('emptyCompleteEtag answers Complete with undefined; the object still has its ETag', async () => {
    const store = new MemoryObjectStore({ emptyCompleteEtag: true });
    const key = 'k';
    const { uploadId } = await store.createMultipart({ bucket, key });
    const body = text('part');
    const { etag } = await store.uploadPart({
      bucket,
      key,
      uploadId,
      partNumber: 1,
      body,
      md5Hex: md5(body),
    });
    const done = await store.completeMultipart({
      bucket,
      key,
      uploadId,
      parts: [{ partNumber: 1, etag }],
    });
    expect(done.etag).toBeUndefined();
    expect(store.get(bucket, key)?.etag).toBe(`${nodeDigest.md5OfDigests([etag])}-1`);
  });

  it('logs every accepted part, so a test can prove none was sent twice', async () => {
    const store = new MemoryObjectStore({ minPartSize: 4 });
    const key = 'k';
    const { uploadId } = await store.createMultipart({ bucket, key });
    const bodies = ['aaaa', 'bbbb', 'cc'].map(text);
    store.failNext('uploadPart', new SyncError('network', 'retry', 'reset'));
    const parts = [];
    for (const [index, body] of bodies.entries()) {
      const request = { bucket, key, uploadId, partNumber: index + 1, body, md5Hex: md5(body) };
      const { etag } = await store.uploadPart(request).catch(() => store.uploadPart(request));
      parts.push({ partNumber: index + 1, etag });
    }
    await store.completeMultipart({ bucket, key, uploadId, parts });
    expect(store.calls.uploadPart).toBe(4);
    expect(store.partUploads).toEqual([
      { uploadId, partNumber: 1, size: 4 },
      { uploadId, partNumber: 2, size: 4 },
      { uploadId, partNumber: 3, size: 2 },
    ]);
    expect(new TextDecoder().decode(store.get(bucket, key)?.body)).toBe('aaaabbbbcc');
  });

  it('keeps a copy of the body: the caller may reuse its buffer', async () => {
    const store = new MemoryObjectStore();
    const body = text('original');
    await store.putObject({ bucket, key: 'k', body, md5Hex: md5(body) });
    body.fill(0);
    expect(new TextDecoder().decode(store.get(bucket, 'k')?.body)).toBe('original');
  });

  it('complete takes parts in any order but refuses a repeated part number', async () => {
    const store = new MemoryObjectStore({ minPartSize: 1 });
    const key = 'k';
    const { uploadId } = await store.createMultipart({ bucket, key });
    const etags = [];
    for (const [index, body] of ['x', 'y'].map(text).entries()) {
      etags.push(
        (
          await store.uploadPart({
            bucket,
            key,
            uploadId,
            partNumber: index + 1,
            body,
            md5Hex: md5(body),
          })
        ).etag,
      );
    }
    const [one, two] = etags as [string, string];
    const repeated = await rejection(
      store.completeMultipart({
        bucket,
        key,
        uploadId,
        parts: [
          { partNumber: 1, etag: one },
          { partNumber: 1, etag: one },
        ],
      }),
    );
    expect(repeated.message).toMatch(/part 1 is listed twice \(InvalidPartOrder\)/);
    await store.completeMultipart({
      bucket,
      key,
      uploadId,
      parts: [
        { partNumber: 2, etag: two },
        { partNumber: 1, etag: one },
      ],
    });
    expect(new TextDecoder().decode(store.get(bucket, key)?.body)).toBe('xy');
  });

  it('explains EntityTooSmall with the part number and sizes', async () => {
    const store = new MemoryObjectStore();
    const key = 'k';
    const { uploadId } = await store.createMultipart({ bucket, key });
    const body = text('tiny');
    const { etag } = await store.uploadPart({
      bucket,
      key,
      uploadId,
      partNumber: 1,
      body,
      md5Hex: md5(body),
    });
    await store.uploadPart({ bucket, key, uploadId, partNumber: 2, body, md5Hex: md5(body) });
    const error = await rejection(
      store.completeMultipart({
        bucket,
        key,
        uploadId,
        parts: [
          { partNumber: 1, etag },
          { partNumber: 2, etag },
        ],
      }),
    );
    expect(error.message).toBe(
      'CompleteMultipartUpload k: the store refused: part 1 is 4 bytes, below the 5242880-byte minimum for all but the last part (EntityTooSmall).',
    );
  });

  it('hold() keeps calls waiting until released, and maxInFlight counts them', async () => {
    const store = new MemoryObjectStore();
    const release = store.hold();
    const pending = ['a', 'b', 'c'].map((key) => put(store, key));
    await flushMicrotasks();
    expect(store.inFlight).toBe(3);
    expect(store.objects.size).toBe(0);
    release();
    await Promise.all(pending);
    expect(store.objects.size).toBe(3);
    expect(store.maxInFlight).toBe(3);
    expect(store.inFlight).toBe(0);
  });

  it('a gate sees the method and key of each call', async () => {
    const store = new MemoryObjectStore();
    const seen: string[] = [];
    store.gate = (call) => {
      seen.push(`${call.method} ${call.key}`);
      return Promise.resolve();
    };
    await put(store, 'x');
    await store.head({ bucket, key: 'x' });
    await store.list({ bucket, prefix: 'p/' });
    expect(seen).toEqual(['putObject x', 'head x', 'list p/']);
  });

  it('lists in UTF-8 byte order, as S3 does', async () => {
    const store = new MemoryObjectStore();
    // U+FF5E sorts after U+1F600 in UTF-16 but before it in UTF-8.
    for (const key of ['p/😀', 'p/～', 'p/a']) await put(store, key);
    const page = await store.list({ bucket, prefix: 'p/' });
    expect(page.objects.map((o) => o.key)).toEqual(['p/a', 'p/～', 'p/😀']);
  });

  it('keeps buckets apart', async () => {
    const store = new MemoryObjectStore();
    await put(store, 'k');
    expect(await store.head({ bucket: 'other', key: 'k' })).toBeNull();
    expect((await store.list({ bucket: 'other', prefix: '' })).objects).toEqual([]);
  });
});
