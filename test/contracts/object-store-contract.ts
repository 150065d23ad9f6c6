import { beforeEach, describe, expect, it } from 'vitest';

import type { ObjectInfo, ObjectStore } from '../../app/ports/object-store.js';
import { crc64 } from '../../app/transfer/crc64.js';
import { nodeDigest } from '../../main/adapters/digest/node-digest.js';
import { rejection } from '../support/rejection.js';

export interface ObjectStoreContractSetup {
  readonly store: ObjectStore;
  readonly bucket: string;
  /** Keys the store lets this test write, list and delete; ends with "/". */
  readonly prefix: string;
  /** A prefix the store must refuse to write to (policy denial), if the setup has one. */
  readonly deniedPrefix?: string;
}

const MIB = 1024 * 1024;
const md5 = (bytes: Uint8Array) => nodeDigest.md5Hex(bytes);
const text = (s: string) => new TextEncoder().encode(s);

/** Distinct, non-uniform bytes per seed, so swapped or repeated parts change every digest. */
function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return out;
}

async function listAll(store: ObjectStore, bucket: string, prefix: string): Promise<ObjectInfo[]> {
  const objects: ObjectInfo[] = [];
  let continuationToken: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const answer = await store.list({
      bucket,
      prefix,
      ...(continuationToken ? { continuationToken } : {}),
    });
    objects.push(...answer.objects);
    continuationToken = answer.nextContinuationToken;
    if (!continuationToken) return objects;
  }
  throw new Error('list never ended');
}

/**
 * The ObjectStore port's contract (app/ports/object-store.ts), run against the in-memory fake on
 * every unit run and against each real adapter in the integration tier, so the fake the engine
 * is tested with cannot drift from what the stores do.
 */
export function describeObjectStoreContract(
  name: string,
  setup: () => Promise<ObjectStoreContractSetup>,
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let ctx: ObjectStoreContractSetup;
    let store: ObjectStore;
    let bucket: string;
    let prefix: string;
    beforeEach(async () => {
      ctx = await setup();
      ({ store, bucket, prefix } = ctx);
    });

    /**
     * What the store reports about `body`: as given, plus its CRC-64 where the store verifies by
     * CRC-64 (OSS returns x-oss-hash-crc64ecma on PUT, UploadPart, Complete and HEAD).
     */
    const reported = <T extends object>(fields: T, body: Uint8Array): T =>
      store.integrity === 'crc64' ? { ...fields, crc64: crc64(body) } : fields;
    /** A multipart object's ETag: md5(part md5s)-N on S3 stores; opaque on CRC-64 stores. */
    const multipartEtag = (expected: string): string =>
      store.integrity === 's3-md5-of-md5s' ? expected : (expect.any(String) as string);

    it('put then head: the size, and the MD5 as ETag; a second put replaces the object', async () => {
      const key = `${prefix}hello.txt`;
      const body = text('hello, ferry');
      expect(await store.putObject({ bucket, key, body, md5Hex: md5(body) })).toEqual(
        reported({ etag: md5(body) }, body),
      );
      expect(await store.head({ bucket, key })).toEqual(
        reported({ key, etag: md5(body), size: 12 }, body),
      );

      const other = text('replaced');
      await store.putObject({
        bucket,
        key,
        body: other,
        md5Hex: md5(other),
        contentType: 'text/plain',
      });
      expect(await store.head({ bucket, key })).toEqual(
        reported({ key, etag: md5(other), size: 8 }, other),
      );
    });

    it('accepts an empty object and an upper-case md5', async () => {
      const key = `${prefix}empty`;
      const body = new Uint8Array(0);
      const { etag } = await store.putObject({
        bucket,
        key,
        body,
        md5Hex: md5(body).toUpperCase(),
      });
      expect(etag).toBe('d41d8cd98f00b204e9800998ecf8427e');
      expect(await store.head({ bucket, key })).toEqual(reported({ key, etag, size: 0 }, body));
    });

    it('head of a missing key is null', async () => {
      expect(await store.head({ bucket, key: `${prefix}no-such-key` })).toBeNull();
    });

    it('a put whose md5 does not match the body fails with bad-digest and writes nothing', async () => {
      const key = `${prefix}damaged.txt`;
      const error = await rejection(
        store.putObject({ bucket, key, body: text('sent'), md5Hex: md5(text('meant')) }),
      );
      expect(error).toMatchObject({ code: 'bad-digest', disposition: 'retry' });
      expect(await store.head({ bucket, key })).toBeNull();
    });

    it('multipart: parts are listed with their sizes, complete gives md5(part md5s)-N (S3) or the CRC-64 (OSS)', async () => {
      const key = `${prefix}big.bin`;
      const bodies = [bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(1234, 3)];
      const { uploadId } = await store.createMultipart({
        bucket,
        key,
        contentType: 'application/octet-stream',
      });
      const etags: string[] = [];
      for (const [index, body] of bodies.entries()) {
        const answer = await store.uploadPart({
          bucket,
          key,
          uploadId,
          partNumber: index + 1,
          body,
          md5Hex: md5(body),
        });
        expect(answer).toEqual(reported({ etag: md5(body) }, body));
        etags.push(answer.etag);
      }
      expect(await store.listParts({ bucket, key, uploadId })).toEqual([
        { partNumber: 1, etag: etags[0], size: 5 * MIB },
        { partNumber: 2, etag: etags[1], size: 5 * MIB },
        { partNumber: 3, etag: etags[2], size: 1234 },
      ]);

      const expected = `${nodeDigest.md5OfDigests(etags)}-3`;
      const parts = etags.map((etag, index) => ({ partNumber: index + 1, etag }));
      const whole = new Uint8Array(10 * MIB + 1234);
      bodies.forEach((body, index) => whole.set(body, index * 5 * MIB));
      const completed = await store.completeMultipart({ bucket, key, uploadId, parts });
      // Ceph answers an empty ETag (reported as undefined); head is then the source of truth.
      if (completed.etag !== undefined) expect(completed.etag).toEqual(multipartEtag(expected));
      if (store.integrity === 'crc64') expect(completed.crc64).toBe(crc64(whole));
      expect(await store.head({ bucket, key })).toEqual(
        reported({ key, etag: multipartEtag(expected), size: 10 * MIB + 1234 }, whole),
      );
    });

    it('multipart: uploading a part again replaces it', async () => {
      const key = `${prefix}replaced.bin`;
      const { uploadId } = await store.createMultipart({ bucket, key });
      const first = text('first version of part one');
      const second = text('second');
      await store.uploadPart({
        bucket,
        key,
        uploadId,
        partNumber: 1,
        body: first,
        md5Hex: md5(first),
      });
      await store.uploadPart({
        bucket,
        key,
        uploadId,
        partNumber: 1,
        body: second,
        md5Hex: md5(second),
      });
      expect(await store.listParts({ bucket, key, uploadId })).toEqual([
        { partNumber: 1, etag: md5(second), size: second.byteLength },
      ]);
      await store.completeMultipart({
        bucket,
        key,
        uploadId,
        parts: [{ partNumber: 1, etag: md5(second) }],
      });
      expect(await store.head({ bucket, key })).toEqual(
        reported(
          {
            key,
            etag: multipartEtag(`${nodeDigest.md5OfDigests([md5(second)])}-1`),
            size: second.byteLength,
          },
          second,
        ),
      );
    });

    it('multipart: a part whose md5 does not match fails with bad-digest', async () => {
      const key = `${prefix}damaged-part.bin`;
      const { uploadId } = await store.createMultipart({ bucket, key });
      const error = await rejection(
        store.uploadPart({
          bucket,
          key,
          uploadId,
          partNumber: 1,
          body: text('a'),
          md5Hex: md5(text('b')),
        }),
      );
      expect(error).toMatchObject({ code: 'bad-digest', disposition: 'retry' });
      expect(await store.listParts({ bucket, key, uploadId })).toEqual([]);
      await store.abortMultipart({ bucket, key, uploadId });
    });

    it('multipart: a part below 5 MiB before the last one makes complete fail (no-retry)', async () => {
      const key = `${prefix}too-small.bin`;
      const { uploadId } = await store.createMultipart({ bucket, key });
      const small = [text('one'), text('two')];
      for (const [index, body] of small.entries()) {
        await store.uploadPart({
          bucket,
          key,
          uploadId,
          partNumber: index + 1,
          body,
          md5Hex: md5(body),
        });
      }
      const parts = small.map((body, index) => ({ partNumber: index + 1, etag: md5(body) }));
      const error = await rejection(store.completeMultipart({ bucket, key, uploadId, parts }));
      expect(error).toMatchObject({ code: 'server-error', disposition: 'no-retry' });
      expect(await store.head({ bucket, key })).toBeNull();
      await store.abortMultipart({ bucket, key, uploadId });
    });

    it('multipart: complete with an ETag the store does not hold fails (no-retry)', async () => {
      const key = `${prefix}wrong-etag.bin`;
      const { uploadId } = await store.createMultipart({ bucket, key });
      const body = text('only part');
      await store.uploadPart({ bucket, key, uploadId, partNumber: 1, body, md5Hex: md5(body) });
      const error = await rejection(
        store.completeMultipart({
          bucket,
          key,
          uploadId,
          parts: [{ partNumber: 1, etag: md5(text('something else')) }],
        }),
      );
      expect(error).toMatchObject({ code: 'server-error', disposition: 'no-retry' });
      expect(await store.head({ bucket, key })).toBeNull();
      await store.abortMultipart({ bucket, key, uploadId });
    });

    it('multipart: after abort the upload is gone (not-found) and no object appears', async () => {
      const key = `${prefix}aborted.bin`;
      const { uploadId } = await store.createMultipart({ bucket, key });
      const body = text('abandoned');
      await store.uploadPart({ bucket, key, uploadId, partNumber: 1, body, md5Hex: md5(body) });
      await store.abortMultipart({ bucket, key, uploadId });
      const gone = {
        listParts: () => store.listParts({ bucket, key, uploadId }),
        uploadPart: () =>
          store.uploadPart({ bucket, key, uploadId, partNumber: 2, body, md5Hex: md5(body) }),
        completeMultipart: () =>
          store.completeMultipart({
            bucket,
            key,
            uploadId,
            parts: [{ partNumber: 1, etag: md5(body) }],
          }),
        abortMultipart: () => store.abortMultipart({ bucket, key, uploadId }),
      };
      for (const [method, call] of Object.entries(gone)) {
        const error = await rejection(call());
        expect({ method, code: error.code, disposition: error.disposition }).toEqual({
          method,
          code: 'not-found',
          disposition: 'no-retry',
        });
      }
      expect(await store.head({ bucket, key })).toBeNull();
    });

    it('listMultipartUploads: uploads in progress under the prefix, none completed, aborted or outside', async () => {
      const key = (name: string) => `${prefix}mpu/${name}`;
      const started = Date.now();
      const open = [key('a.bin'), key('b/c.bin'), key('b/c.bin')];
      const ids: string[] = [];
      for (const k of open) ids.push((await store.createMultipart({ bucket, key: k })).uploadId);
      const done = (await store.createMultipart({ bucket, key: key('done.bin') })).uploadId;
      const body = text('the only part');
      const part = await store.uploadPart({
        bucket,
        key: key('done.bin'),
        uploadId: done,
        partNumber: 1,
        body,
        md5Hex: md5(body),
      });
      await store.completeMultipart({
        bucket,
        key: key('done.bin'),
        uploadId: done,
        parts: [{ partNumber: 1, etag: part.etag }],
      });
      const aborted = (await store.createMultipart({ bucket, key: key('gone.bin') })).uploadId;
      await store.abortMultipart({ bucket, key: key('gone.bin'), uploadId: aborted });
      const outside = `${prefix}mpux/other.bin`;
      const outsideId = (await store.createMultipart({ bucket, key: outside })).uploadId;

      const listed = [];
      let next;
      for (let page = 0; page < 100; page++) {
        const answer = await store.listMultipartUploads({
          bucket,
          prefix: `${prefix}mpu/`,
          ...(next ? { next } : {}),
        });
        listed.push(...answer.uploads);
        next = answer.next;
        if (!next) break;
      }
      expect(listed.map((u) => [u.key, u.uploadId]).sort()).toEqual(
        open.map((k, i) => [k, ids[i]]).sort(),
      );
      for (const upload of listed) {
        // The store's clock, not ours: allow for skew, but it must be a real time.
        expect(Math.abs(upload.initiatedAt - started)).toBeLessThan(10 * 60_000);
      }
      for (const [i, k] of [...open, outside].entries()) {
        await store.abortMultipart({ bucket, key: k, uploadId: [...ids, outsideId][i] ?? '' });
      }
      expect(
        (await store.listMultipartUploads({ bucket, prefix: `${prefix}mpu` })).uploads,
      ).toEqual([]);
    });

    it('list: every key under the prefix, with ETag and size, and nothing outside it', async () => {
      const inside = ['a.txt', 'b/c.txt', 'b/d/e.txt', 'z.txt'].map((k) => `${prefix}in/${k}`);
      const outside = [`${prefix}inside.txt`, `${prefix}out/a.txt`, `${prefix}in`];
      for (const [index, key] of [...inside, ...outside].entries()) {
        const body = text(`object ${index}`);
        await store.putObject({ bucket, key, body, md5Hex: md5(body) });
      }
      const listed = await listAll(store, bucket, `${prefix}in/`);
      expect(listed.map((o) => o.key).sort()).toEqual([...inside].sort());
      expect(listed.find((o) => o.key === inside[0])).toEqual({
        key: inside[0],
        etag: md5(text('object 0')),
        size: 'object 0'.length,
      });
    });

    it('list: an empty prefix page has no objects and no continuation token', async () => {
      expect(await store.list({ bucket, prefix: `${prefix}nothing-here/` })).toEqual({
        objects: [],
      });
    });

    it('delete removes the object; deleting a missing key succeeds', async () => {
      const key = `${prefix}doomed.txt`;
      const body = text('bye');
      await store.putObject({ bucket, key, body, md5Hex: md5(body) });
      await store.delete({ bucket, key });
      expect(await store.head({ bucket, key })).toBeNull();
      await expect(store.delete({ bucket, key })).resolves.toBeUndefined();
      await expect(
        store.delete({ bucket, key: `${prefix}never-existed` }),
      ).resolves.toBeUndefined();
    });

    it.each([
      ['Unicode (NFC)', 'café/naïve résumé.txt'.normalize('NFC')],
      ['CJK and emoji', '日本語/ファイル 😀.txt'],
      ['spaces', 'my documents/a  b .txt'],
      ['plus and equals', 'a+b=c.txt'],
      ['percent', '100% done %20 %2F.txt'],
      ['hash and question mark', 'issue #1?.txt'],
      ['XML specials', `it's <a> & "b".txt`],
      ['deep nesting', 'a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/deep.txt'],
    ])('a key with %s round-trips exactly', async (_what, suffix) => {
      const key = `${prefix}${suffix}`;
      const body = text(suffix);
      await store.putObject({ bucket, key, body, md5Hex: md5(body) });
      expect(await store.head({ bucket, key })).toEqual(
        reported({ key, etag: md5(body), size: body.byteLength }, body),
      );
      expect((await listAll(store, bucket, prefix)).map((o) => o.key)).toEqual([key]);
      await store.delete({ bucket, key });
      expect(await store.head({ bucket, key })).toBeNull();
    });

    it('a put under a prefix the policy denies fails with access-denied (no-retry)', async ({
      skip,
    }) => {
      if (ctx.deniedPrefix === undefined) skip();
      const key = `${ctx.deniedPrefix}x.txt`;
      const body = text('not mine');
      const error = await rejection(store.putObject({ bucket, key, body, md5Hex: md5(body) }));
      expect(error).toMatchObject({ code: 'access-denied', disposition: 'no-retry' });
      expect(error.message).toContain(key);
    });
  });
}
