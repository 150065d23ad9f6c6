import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OSS_RAM_POLICY, sessionPolicyText } from '../../../app/credentials/session-policy.js';
import { Crc64, crc64 } from '../../services/oss-test-server/crc64.js';
import {
  allowedByAll,
  evaluate,
  parseRamPolicy,
  type AccessRequest,
} from '../../services/oss-test-server/ram-policy.js';
import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';

/**
 * The OSS test server, driven by the real ali-oss client (V1 signatures, `OSS.STS` for
 * AssumeRole) exactly as Ferry's OSS adapter will drive it. Each test proves one thing the
 * adapter's tests will rely on: what is accepted, and which OSS error code and status each kind
 * of bad request gets.
 */

let server: OssTestServer;
let workDir: string;

beforeAll(async () => {
  // Short tokens (1 s) are allowed so expiry can be observed without long waits.
  server = await startOssTestServer({ minDurationSeconds: 1 });
  workDir = await mkdtemp(join(tmpdir(), 'ferry-oss-it-'));
});
afterAll(async () => {
  // Optional chaining: beforeAll may have failed before the server existed.
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

type Credentials = OSS.Credentials;

interface AssumeOptions {
  readonly policy?: string;
  readonly seconds?: number;
  readonly session?: string;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly roleArn?: string;
  readonly target?: OssTestServer;
}

async function assumeRole(options: AssumeOptions = {}): Promise<Credentials> {
  const target = options.target ?? server;
  // STSOptions' typings lack `endpoint`, which ali-oss does read.
  const stsOptions = {
    accessKeyId: options.accessKeyId ?? target.ramUser.accessKeyId,
    accessKeySecret: options.accessKeySecret ?? target.ramUser.accessKeySecret,
    endpoint: target.stsEndpoint,
  };
  const sts = new OSS.STS(stsOptions);
  const { credentials } = await sts.assumeRole(
    options.roleArn ?? target.roleArn,
    options.policy,
    options.seconds ?? 900,
    options.session ?? 'ferry-test',
  );
  return credentials;
}

/** The options that make ali-oss talk to the test server (see README). */
function client(
  credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken?: string },
  extra: Partial<OSS.Options> & Record<string, unknown> = {},
  target: OssTestServer = server,
): OSS {
  const options = {
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    stsToken: credentials.SecurityToken,
    bucket: target.bucket,
    // An IP endpoint: ali-oss connects to it and names the bucket in the Host header.
    endpoint: target.endpoint,
    // Tests rotate tokens themselves; without this ali-oss prints advice on every client.
    refreshSTSTokenInterval: 60 * 60 * 1000,
    ...extra,
  };
  return new OSS(options);
}

/** The status and OSS code an ali-oss call failed with. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, code } = error as { status?: number; code?: string };
    return { status: status ?? -1, code: code ?? 'none' };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

function headersOf(result: { res: { headers: object } }): Record<string, string> {
  return result.res.headers as Record<string, string>;
}

/** ali-oss's typings demand every list-parts parameter; OSS needs none. */
const NO_QUERY = {} as OSS.ListPartsQuery;
/** Its typings also require uid and pid in any user metadata. */
const META = { origin: 'ferry' } as unknown as OSS.UserMeta;

const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex').toUpperCase();

function uploadPolicy(prefix: string, mode: 'upload' | 'mirror' = 'upload'): string {
  return sessionPolicyText([{ bucket: server.bucket, prefix, mode, list: true }], OSS_RAM_POLICY);
}

async function sleepUntil(epochMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now()) + 50));
}

describe('STS endpoint: AssumeRole with the RPC HMAC-SHA1 signature', () => {
  it('issues STS.* credentials to the RAM user that expire after DurationSeconds', async () => {
    const before = Date.now();
    const credentials = await assumeRole({ policy: uploadPolicy('sts/'), seconds: 900 });

    expect(credentials.AccessKeyId).toMatch(/^STS\./);
    expect(credentials.AccessKeySecret.length).toBeGreaterThan(20);
    expect(credentials.SecurityToken).toMatch(/^CAIS/);
    expect(credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const expires = Date.parse(credentials.Expiration);
    expect(expires).toBeGreaterThanOrEqual(before + 900_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 901_000);
    expect(server.tokens.issued().map((t) => t.accessKeyId)).toContain(credentials.AccessKeyId);
  });

  it.each<[string, AssumeOptions, number, string]>([
    ['a wrong secret', { accessKeySecret: 'not-the-secret' }, 400, 'SignatureDoesNotMatch'],
    [
      'an unknown AccessKeyId',
      { accessKeyId: 'LTAIunknown000000' },
      404,
      'InvalidAccessKeyId.NotFound',
    ],
    ['another role', { roleArn: 'acs:ram::1:role/other' }, 404, 'EntityNotExist.Role'],
    [
      'a duration above the role maximum',
      { seconds: 3601 },
      400,
      'InvalidParameter.DurationSeconds',
    ],
    ['a malformed session name', { session: 'has space' }, 400, 'InvalidParameter.RoleSessionName'],
    [
      'an IAM-style policy (Version 2012-10-17)',
      {
        policy:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      },
      400,
      'InvalidParameter.PolicyGrammar',
    ],
    [
      'a policy longer than 2048 characters',
      {
        policy: JSON.stringify({
          Version: '1',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'oss:GetObject',
              Resource: `acs:oss:*:*:${'x'.repeat(2100)}`,
            },
          ],
        }),
      },
      400,
      'InvalidParameter.PolicyGrammar',
    ],
  ])('refuses %s', async (_name, options, status, code) => {
    expect(await failure(assumeRole(options))).toEqual({ status, code });
  });
});

describe('STS endpoint defaults', () => {
  it("applies Alibaba's 900 s minimum DurationSeconds unless configured lower", async () => {
    const strict = await startOssTestServer();
    try {
      expect(await failure(assumeRole({ target: strict, seconds: 899 }))).toEqual({
        status: 400,
        code: 'InvalidParameter.DurationSeconds',
      });
      const credentials = await assumeRole({ target: strict, seconds: 900 });
      expect(credentials.AccessKeyId).toMatch(/^STS\./);
    } finally {
      await strict.close();
    }
  });
});

describe('objects with temporary credentials', () => {
  it('put, head, get, list and delete round-trip with MD5 ETags and CRC-64 headers', async () => {
    const prefix = 'objects/';
    const oss = client(await assumeRole({ policy: uploadPolicy(prefix, 'mirror') }));
    const plain = Buffer.from('hello, OSS test server\n');
    const unicode = Buffer.from('ünïcödé ✓');
    const unicodeKey = `${prefix}dir/ü 1+2 #?&=.txt`;

    const put = await oss.put(`${prefix}a.txt`, plain);
    expect(headersOf(put)['etag']).toBe(`"${md5Hex(plain)}"`);
    expect(headersOf(put)['x-oss-hash-crc64ecma']).toBe(crc64(plain));
    await oss.put(unicodeKey, unicode, { meta: META, mime: 'text/plain' });

    const head = await oss.head(unicodeKey);
    expect(head.meta).toEqual({ origin: 'ferry' });
    expect(headersOf(head)).toMatchObject({
      'content-length': String(unicode.length),
      'content-type': 'text/plain',
      'x-oss-object-type': 'Normal',
      'x-oss-hash-crc64ecma': crc64(unicode),
    });
    expect((await oss.get(unicodeKey)).content).toEqual(unicode);
    const range = await oss.get(`${prefix}a.txt`, { headers: { Range: 'bytes=7-9' } });
    expect([range.res.status, String(range.content)]).toEqual([206, 'OSS']);

    const v2 = await oss.listV2({ prefix, delimiter: '/' }, {});
    expect(v2.objects.map((o) => o.name)).toEqual([`${prefix}a.txt`]);
    expect(v2.prefixes).toEqual([`${prefix}dir/`]);
    const page1 = await oss.listV2({ prefix, 'max-keys': '1' }, {});
    const page2 = await oss.listV2(
      { prefix, 'max-keys': '1', 'continuation-token': page1.nextContinuationToken },
      {},
    );
    expect([page1.isTruncated, page2.isTruncated]).toEqual([true, false]);
    expect([...page1.objects, ...page2.objects].map((o) => o.name)).toEqual([
      `${prefix}a.txt`,
      unicodeKey,
    ]);
    const v1 = await oss.list({ prefix, 'max-keys': 10 }, {});
    expect(v1.objects.map((o) => [o.name, o.size, o.etag])).toEqual([
      [`${prefix}a.txt`, plain.length, `"${md5Hex(plain)}"`],
      [unicodeKey, unicode.length, `"${md5Hex(unicode)}"`],
    ]);

    await oss.delete(unicodeKey);
    expect(await failure(oss.head(unicodeKey))).toEqual({ status: 404, code: 'NoSuchKey' });
    expect(server.inspect.keys()).toContain(`${prefix}a.txt`);
    expect(server.inspect.keys()).not.toContain(unicodeKey);
  });

  it('refuses a body whose Content-MD5 does not match (InvalidDigest) and stores nothing', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('digest/') }));
    const wrong = createHash('md5').update('something else').digest('base64');
    const result = await failure(
      oss.put('digest/x.bin', Buffer.from('payload'), { headers: { 'Content-MD5': wrong } }),
    );
    expect(result).toEqual({ status: 400, code: 'InvalidDigest' });
    expect(server.inspect.object('digest/x.bin')).toBeUndefined();
  });

  it('answers NoSuchKey for a missing object and NoSuchBucket for another bucket', async () => {
    const credentials = await assumeRole();
    expect(await failure(client(credentials).get('missing/nothing.txt'))).toEqual({
      status: 404,
      code: 'NoSuchKey',
    });
    expect(await failure(client(credentials, { bucket: 'other-bucket' }).get('x'))).toEqual({
      status: 404,
      code: 'NoSuchBucket',
    });
  });
});

describe('multipart upload through the low-level calls', () => {
  const KIB = 1024;

  async function sourceFile(name: string, sizes: readonly number[]) {
    const data = Buffer.alloc(sizes.reduce((a, b) => a + b, 0));
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) % 251;
    const path = join(workDir, name);
    await writeFile(path, data);
    let offset = 0;
    const ranges = sizes.map((size) => {
      const range = { start: offset, end: offset + size };
      offset += size;
      return range;
    });
    return { path, data, ranges };
  }

  it('init, uploadPart, listParts and complete give an opaque multipart ETag and the object CRC-64', async () => {
    const key = 'multipart/big.bin';
    const oss = client(await assumeRole({ policy: uploadPolicy('multipart/') }));
    const { path, data, ranges } = await sourceFile('big.bin', [100 * KIB, 100 * KIB, 1000]);

    const { uploadId } = await oss.initMultipartUpload(key);
    const parts = [];
    for (const [index, range] of ranges.entries()) {
      const part = await oss.uploadPart(key, uploadId, index + 1, path, range.start, range.end);
      const slice = data.subarray(range.start, range.end);
      expect(part.etag).toBe(`"${md5Hex(slice)}"`);
      expect(headersOf(part)['x-oss-hash-crc64ecma']).toBe(crc64(slice));
      parts.push({ number: index + 1, etag: part.etag });
    }
    const listed = await oss.listParts(key, uploadId, NO_QUERY, {});
    const listedParts = listed.parts as unknown as { PartNumber: string; Size: string }[];
    expect(listedParts.map((p) => [Number(p.PartNumber), Number(p.Size)])).toEqual([
      [1, 100 * KIB],
      [2, 100 * KIB],
      [3, 1000],
    ]);

    const completed = await oss.completeMultipartUpload(key, uploadId, parts);
    const partMd5s = ranges.map((r) =>
      createHash('md5').update(data.subarray(r.start, r.end)).digest(),
    );
    // Real OSS's multipart ETag is opaque (not the MD5, not documented as S3's
    // md5-of-part-md5s-N): the server keeps the `<hex>-N` shape but never S3's value, so a client
    // that checks it with the S3 rule fails here as it would on OSS. CRC-64 is the integrity check.
    const s3RuleEtag = `"${md5Hex(Buffer.concat(partMd5s))}-3"`;
    const expectedEtag = completed.etag;
    expect(expectedEtag).toMatch(/^"[0-9A-F]{32}-3"$/);
    expect(expectedEtag).not.toBe(s3RuleEtag);
    expect(headersOf(completed)['x-oss-hash-crc64ecma']).toBe(crc64(data));
    const head = await oss.head(key);
    expect(headersOf(head)).toMatchObject({
      etag: expectedEtag,
      'x-oss-object-type': 'Multipart',
      'x-oss-hash-crc64ecma': crc64(data),
      'content-length': String(data.length),
    });
    expect(await server.inspect.read(key)).toEqual(data);
    expect(server.inspect.uploads().map((u) => u.uploadId)).not.toContain(uploadId);
  });

  it('abort discards the parts, and the upload id is then unknown (NoSuchUpload)', async () => {
    const key = 'multipart/aborted.bin';
    const oss = client(await assumeRole({ policy: uploadPolicy('multipart/') }));
    const { path } = await sourceFile('aborted.bin', [1000]);
    const { uploadId } = await oss.initMultipartUpload(key);
    await oss.uploadPart(key, uploadId, 1, path, 0, 1000);
    expect(server.inspect.uploads()).toContainEqual({ uploadId, key, parts: [1] });

    await oss.abortMultipartUpload(key, uploadId);
    expect(server.inspect.uploads().map((u) => u.uploadId)).not.toContain(uploadId);
    expect(await failure(oss.uploadPart(key, uploadId, 2, path, 0, 1000))).toEqual({
      status: 404,
      code: 'NoSuchUpload',
    });
    expect(await failure(oss.listParts(key, uploadId, NO_QUERY, {}))).toEqual({
      status: 404,
      code: 'NoSuchUpload',
    });
  });

  it('completion refuses a small middle part (EntityTooSmall) and a wrong ETag (InvalidPart)', async () => {
    const key = 'multipart/refused.bin';
    const oss = client(await assumeRole({ policy: uploadPolicy('multipart/') }));
    const { path } = await sourceFile('refused.bin', [1000, 1000]);
    const { uploadId } = await oss.initMultipartUpload(key);
    const first = await oss.uploadPart(key, uploadId, 1, path, 0, 1000);
    const second = await oss.uploadPart(key, uploadId, 2, path, 1000, 2000);

    expect(
      await failure(
        oss.completeMultipartUpload(key, uploadId, [
          { number: 1, etag: first.etag },
          { number: 2, etag: second.etag },
        ]),
      ),
    ).toEqual({ status: 400, code: 'EntityTooSmall' });
    expect(
      await failure(
        oss.completeMultipartUpload(key, uploadId, [
          { number: 1, etag: '"0123456789ABCDEF0123456789ABCDEF"' },
        ]),
      ),
    ).toEqual({ status: 400, code: 'InvalidPart' });
    // A single (last) part may be small: completing with part 1 alone works.
    await oss.completeMultipartUpload(key, uploadId, [{ number: 1, etag: first.etag }]);
    expect(server.inspect.object(key)?.size).toBe(1000);
  });
});

describe('authentication and authorisation failures get OSS codes', () => {
  it.each<[string, (good: Credentials, other: Credentials) => Promise<unknown>, number, string]>([
    [
      'a tampered security token',
      (good) =>
        client({ ...good, SecurityToken: `${good.SecurityToken.slice(0, -8)}AAAAAAAA` }).put(
          'auth/x.txt',
          Buffer.from('x'),
        ),
      403,
      'InvalidSecurityToken',
    ],
    [
      "another token's security token",
      (good, other) =>
        client({ ...good, SecurityToken: other.SecurityToken }).put('auth/x.txt', Buffer.from('x')),
      403,
      'AccessKeyIdAndSecurityTokenNotMatch',
    ],
    [
      'a wrong secret',
      (good) => client({ ...good, AccessKeySecret: 'wrong' }).put('auth/x.txt', Buffer.from('x')),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'an unknown AccessKeyId',
      (good) => client({ ...good, AccessKeyId: 'STS.unknown' }).put('auth/x.txt', Buffer.from('x')),
      403,
      'InvalidAccessKeyId',
    ],
    [
      "the RAM user's long-lived key (it may only assume the role)",
      () =>
        client({
          AccessKeyId: server.ramUser.accessKeyId,
          AccessKeySecret: server.ramUser.accessKeySecret,
        }).put('auth/x.txt', Buffer.from('x')),
      403,
      'AccessDenied',
    ],
    [
      "a key outside the policy's prefix",
      (good) => client(good).put('elsewhere/x.txt', Buffer.from('x')),
      403,
      'AccessDenied',
    ],
    [
      'an action the policy omits (DeleteObject in upload mode)',
      (good) => client(good).delete('auth/x.txt'),
      403,
      'AccessDenied',
    ],
    [
      'listing a prefix the policy does not cover',
      (good) => client(good).listV2({ prefix: 'elsewhere/' }, {}),
      403,
      'AccessDenied',
    ],
  ])('%s', async (_name, act, status, code) => {
    const [good, other] = await Promise.all([
      assumeRole({ policy: uploadPolicy('auth/') }),
      assumeRole({ policy: uploadPolicy('auth/') }),
    ]);
    expect(await failure(act(good, other))).toEqual({ status, code });
  });

  it('the same token still works inside its policy (the table above fails for its reason only)', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('auth/') }));
    await oss.put('auth/x.txt', Buffer.from('x'));
    const listed = await oss.listV2({ prefix: 'auth/' }, {});
    expect(listed.objects.map((o) => o.name)).toContain('auth/x.txt');
  });

  it('a token past its lifetime gets SecurityTokenExpired, on PUT and on HEAD', async () => {
    const credentials = await assumeRole({ policy: uploadPolicy('expiry/'), seconds: 1 });
    const oss = client(credentials);
    await oss.put('expiry/x.txt', Buffer.from('before'));
    await sleepUntil(Date.parse(credentials.Expiration));

    expect(await failure(oss.put('expiry/x.txt', Buffer.from('after')))).toEqual({
      status: 403,
      code: 'SecurityTokenExpired',
    });
    // HEAD answers have no body: the code comes from the x-oss-err header.
    expect(await failure(oss.head('expiry/x.txt'))).toEqual({
      status: 403,
      code: 'SecurityTokenExpired',
    });
    const fresh = client(await assumeRole({ policy: uploadPolicy('expiry/') }));
    await fresh.put('expiry/x.txt', Buffer.from('after'));
    expect(String(await server.inspect.read('expiry/x.txt'))).toBe('after');
  });

  it('tokens.expireAll() expires every issued token at once', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('expiry/') }));
    await oss.put('expiry/y.txt', Buffer.from('y'));
    server.tokens.expireAll();
    expect(await failure(oss.put('expiry/y.txt', Buffer.from('y')))).toEqual({
      status: 403,
      code: 'SecurityTokenExpired',
    });
  });

  it('with expiredTokenCode "InvalidAccessKeyId" an expired token is answered like an unknown key', async () => {
    const other = await startOssTestServer({ expiredTokenCode: 'InvalidAccessKeyId' });
    try {
      const oss = client(await assumeRole({ target: other }), {}, other);
      other.tokens.expireAll();
      expect(await failure(oss.put('x.txt', Buffer.from('x')))).toEqual({
        status: 403,
        code: 'InvalidAccessKeyId',
      });
    } finally {
      await other.close();
    }
  });
});

describe('the V1 signature covers what the documentation says it covers', () => {
  type RequestParams = { headers: Record<string, string> };
  type Request = (url: string, params: RequestParams) => Promise<unknown>;

  /** A client whose requests are altered after ali-oss signed them. */
  function tampering(
    credentials: Credentials,
    change: (url: string, params: RequestParams) => string,
  ) {
    const honest = client(credentials) as unknown as { urllib: { request: Request } };
    const urllib = {
      request: (url: string, params: RequestParams) =>
        honest.urllib.request(change(url, params), params),
    };
    return client(credentials, { urllib });
  }

  it.each<[string, (url: string, params: RequestParams) => string, number, string]>([
    [
      'the object key',
      (url) => url.replace('sig/a.txt', 'sig/b.txt'),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'an x-oss- header',
      (url, params) => {
        params.headers['x-oss-meta-origin'] = 'forged';
        return url;
      },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'Content-Type',
      (url, params) => {
        params.headers['Content-Type'] = 'image/png';
        return url;
      },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'a request time 20 minutes old',
      (url, params) => {
        params.headers['x-oss-date'] = new Date(Date.now() - 20 * 60_000).toUTCString();
        return url;
      },
      403,
      'RequestTimeTooSkewed',
    ],
  ])('changing %s after signing is refused', async (_name, change, status, code) => {
    const credentials = await assumeRole({ policy: uploadPolicy('sig/') });
    // The same request untouched is accepted, so the refusal is due to the change alone.
    await tampering(credentials, (url) => url).put('sig/a.txt', Buffer.from('a'), { meta: META });
    const put = tampering(credentials, change).put('sig/a.txt', Buffer.from('a'), { meta: META });
    expect(await failure(put)).toEqual({ status, code });
  });

  it('sub-resources are signed (partNumber) but ordinary parameters are not (max-keys)', async () => {
    const credentials = await assumeRole({ policy: uploadPolicy('sig/') });
    const oss = client(credentials);
    const path = join(workDir, 'sig.bin');
    await writeFile(path, Buffer.alloc(10));
    const { uploadId } = await oss.initMultipartUpload('sig/parts.bin');
    const forged = tampering(credentials, (url) => url.replace('partNumber=1', 'partNumber=2'));
    expect(await failure(forged.uploadPart('sig/parts.bin', uploadId, 1, path, 0, 10))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    const relisted = tampering(credentials, (url) => url.replace('max-keys=5', 'max-keys=1'));
    const listed = await relisted.listV2({ prefix: 'sig/', 'max-keys': '5' }, {});
    expect(listed.res.status).toBe(200);
  });
});

describe('fault injection', () => {
  it('failNext answers the next N requests of one action with the given error, then serves', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('faults/') }));
    server.faults.failNext('PutObject', { times: 2, status: 503, code: 'ServiceUnavailable' });

    expect(await failure(oss.put('faults/a.txt', Buffer.from('1')))).toEqual({
      status: 503,
      code: 'ServiceUnavailable',
    });
    // Another action is not affected.
    expect(await failure(oss.head('faults/a.txt'))).toEqual({ status: 404, code: 'NoSuchKey' });
    expect(await failure(oss.put('faults/a.txt', Buffer.from('2')))).toEqual({
      status: 503,
      code: 'ServiceUnavailable',
    });
    await oss.put('faults/a.txt', Buffer.from('3'));
    expect(String(await server.inspect.read('faults/a.txt'))).toBe('3');
    expect(server.faults.pending).toBe(0);
  });

  it('failNext can play an auth error on UploadPart for one key prefix only', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('faults/') }));
    const path = join(workDir, 'fault-part.bin');
    await writeFile(path, Buffer.alloc(100));
    const { uploadId } = await oss.initMultipartUpload('faults/part.bin');
    server.faults.failNext('UploadPart', {
      status: 403,
      code: 'SecurityTokenExpired',
      keyPrefix: 'faults/part',
    });

    expect(await failure(oss.uploadPart('faults/part.bin', uploadId, 1, path, 0, 100))).toEqual({
      status: 403,
      code: 'SecurityTokenExpired',
    });
    const retried = await oss.uploadPart('faults/part.bin', uploadId, 1, path, 0, 100);
    expect(retried.etag).toBe(`"${md5Hex(Buffer.alloc(100))}"`);
    const log = server.requests.filter(
      (r) => r.action === 'UploadPart' && r.key === 'faults/part.bin',
    );
    expect(log.map((r) => [r.status, r.code])).toEqual([
      [403, 'SecurityTokenExpired'],
      [200, undefined],
    ]);
  });

  it('delayNext holds a request, dropNext cuts its connection, AssumeRole can fail too', async () => {
    const oss = client(await assumeRole({ policy: uploadPolicy('faults/') }));
    server.faults.delayNext('GetObject', { ms: 400 });
    await oss.put('faults/slow.txt', Buffer.from('slow'));
    const started = Date.now();
    await oss.get('faults/slow.txt');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);

    server.faults.dropNext('PutObject');
    const dropped = await failure(oss.put('faults/dropped.txt', Buffer.from('x')));
    expect(dropped.status).toBe(-1);
    expect(server.requests.at(-1)).toMatchObject({ action: 'PutObject', status: 0 });

    server.faults.failNext('AssumeRole', { status: 500, code: 'InternalError' });
    expect(await failure(assumeRole())).toEqual({ status: 500, code: 'InternalError' });
  });
});

describe('building blocks', () => {
  it('CRC-64 matches the ECMA-182 (XZ) check value and can be computed in pieces', () => {
    expect(crc64('123456789')).toBe('11051210869376104954');
    expect(crc64('')).toBe('0');
    const data = Buffer.from('the quick brown fox jumps over the lazy dog'.repeat(100));
    const pieces = new Crc64();
    for (let i = 0; i < data.length; i += 37) pieces.update(data.subarray(i, i + 37));
    expect(pieces.digest()).toBe(crc64(data));
  });

  const role = parseRamPolicy(
    JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'oss:*', Resource: ['acs:oss:*:*:b', 'acs:oss:*:*:b/*'] },
        { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: 'acs:oss:*:*:b/keep/*' },
      ],
    }),
  );
  const session = parseRamPolicy(
    JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:Put*', 'oss:DeleteObject'],
          Resource: 'acs:oss:*:*:b/a?c/*',
        },
        {
          Effect: 'Allow',
          Action: 'oss:ListObjects',
          Resource: 'acs:oss:*:*:b',
          Condition: { StringLike: { 'oss:Prefix': ['abc/', 'abc/*'] } },
        },
      ],
    }),
  );
  const request = (action: string, resource: string, prefix?: string): AccessRequest => ({
    action,
    resource: `acs:oss:oss-cn-hangzhou:42:${resource}`,
    context: prefix === undefined ? {} : { 'oss:Prefix': prefix },
  });

  it.each<[string, AccessRequest, boolean]>([
    ['an allowed action on a matching key', request('oss:PutObject', 'b/abc/x'), true],
    ['? matches one character', request('oss:PutObject', 'b/aXc/x'), true],
    ['action names ignore case', request('OSS:putobject', 'b/abc/x'), true],
    ['a key outside the session prefix', request('oss:PutObject', 'b/abd/x'), false],
    ['an action the session lacks', request('oss:GetObject', 'b/abc/x'), false],
    ['listing the session prefix', request('oss:ListObjects', 'b', 'abc/sub/'), true],
    ['listing another prefix', request('oss:ListObjects', 'b', 'other/'), false],
    ['listing without a prefix', request('oss:ListObjects', 'b', ''), false],
    ['another bucket', request('oss:PutObject', 'c/abc/x'), false],
  ])('role ∩ session: %s', (_name, access, allowed) => {
    expect(allowedByAll([role, session], access)).toBe(allowed);
  });

  it('an explicit Deny wins over an Allow, and no policy at all allows nothing', () => {
    expect(evaluate(role, request('oss:DeleteObject', 'b/keep/x'))).toBe('explicit-deny');
    expect(evaluate(role, request('oss:DeleteObject', 'b/other/x'))).toBe('allow');
    expect(evaluate(session, request('oss:GetObject', 'b/abc/x'))).toBe('implicit-deny');
    expect(allowedByAll([], request('oss:GetObject', 'b/abc/x'))).toBe(false);
  });
});
