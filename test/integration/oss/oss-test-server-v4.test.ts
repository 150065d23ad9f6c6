import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { crc64 } from '../../services/oss-test-server/crc64.js';
import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';

/**
 * The OSS test server's V4 header signatures and its V1-refused mode, driven by ali-oss 6.23's
 * own V4 signer (`authorizationV4: true` with the standard region id). The server's V4 check was
 * written from Alibaba's V4 help page, so ali-oss is an independent second reading of it.
 */

let v4Only: OssTestServer;
let both: OssTestServer;

beforeAll(async () => {
  [v4Only, both] = await Promise.all([
    startOssTestServer({ v1Refused: true }),
    startOssTestServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([v4Only?.close(), both?.close()]);
});

async function assumeRole(target: OssTestServer): Promise<OSS.Credentials> {
  const sts = new OSS.STS({
    accessKeyId: target.ramUser.accessKeyId,
    accessKeySecret: target.ramUser.accessKeySecret,
    endpoint: target.stsEndpoint,
  } as OSS.STSOptions);
  const { credentials } = await sts.assumeRole(target.roleArn, undefined, 900, 'v4-test');
  return credentials;
}

function client(
  target: OssTestServer,
  credentials: OSS.Credentials,
  v4: boolean,
  extra: Record<string, unknown> = {},
): OSS {
  return new OSS({
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    stsToken: credentials.SecurityToken,
    bucket: target.bucket,
    endpoint: target.endpoint,
    refreshSTSTokenInterval: 60 * 60 * 1000,
    ...(v4 ? { authorizationV4: true, region: target.standardRegion } : {}),
    ...extra,
  });
}

interface Failure {
  status: number;
  code: string;
  ec?: string;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    const { status, code, ecCode } = error as { status?: number; code?: string; ecCode?: string };
    return { status: status ?? -1, code: code ?? 'none', ...(ecCode ? { ec: ecCode } : {}) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const headers = (result: { res: { headers: object } }) =>
  result.res.headers as Record<string, string>;

describe('V4 header signatures (OSS4-HMAC-SHA256)', () => {
  it('ali-oss V4 puts, heads, gets, lists and deletes with a token, in V1-refused mode', async () => {
    const oss = client(v4Only, await assumeRole(v4Only), true);
    const body = Buffer.from('signed with V4');
    const put = await oss.put('v4/a b+c.txt', body, { headers: { 'x-oss-meta-origin': 'v4' } });
    expect(headers(put)['x-oss-hash-crc64ecma']).toBe(crc64(body));
    const head = await oss.head('v4/a b+c.txt');
    expect(headers(head)['x-oss-meta-origin']).toBe('v4');
    expect((await oss.get('v4/a b+c.txt')).content).toEqual(body);
    const listed = await oss.listV2({ prefix: 'v4/', 'max-keys': '10' }, {});
    expect(listed.objects.map((o) => o.name)).toEqual(['v4/a b+c.txt']);
    await oss.delete('v4/a b+c.txt');
    expect(v4Only.inspect.keys()).not.toContain('v4/a b+c.txt');
  });

  it('V4 multipart: parts and completion answer CRC-64, the ETag is not the S3 rule', async () => {
    const oss = client(v4Only, await assumeRole(v4Only), true);
    const data = Buffer.alloc(250 * 1024, 7);
    const { uploadId } = await oss.initMultipartUpload('v4/multi.bin');
    const p1 = await oss.uploadPart(
      'v4/multi.bin',
      uploadId,
      1,
      data.subarray(0, 200 * 1024),
      0,
      200 * 1024,
    );
    expect(headers(p1)['x-oss-hash-crc64ecma']).toBe(crc64(data.subarray(0, 200 * 1024)));
    const done = await oss.completeMultipartUpload('v4/multi.bin', uploadId, [
      { number: 1, etag: p1.etag },
    ]);
    expect(headers(done)['x-oss-hash-crc64ecma']).toBe(crc64(data.subarray(0, 200 * 1024)));
  });

  it.each<[string, (good: OSS.Credentials) => OSS, number, string]>([
    [
      'a wrong secret',
      (good) => client(v4Only, { ...good, AccessKeySecret: 'wrong' }, true),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'another signing region',
      (good) => client(v4Only, good, true, { region: 'cn-shanghai' }),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'a tampered security token',
      (good) =>
        client(
          v4Only,
          { ...good, SecurityToken: `${good.SecurityToken.slice(0, -6)}AAAAAA` },
          true,
        ),
      403,
      'InvalidSecurityToken',
    ],
    [
      'a clock 20 minutes fast',
      (good) => client(v4Only, good, true, { amendTimeSkewed: 20 * 60 * 1000 }),
      403,
      'RequestTimeTooSkewed',
    ],
  ])('refuses %s', async (_name, make, status, code) => {
    const oss = make(await assumeRole(v4Only));
    expect(await failure(oss.put('v4/refused.txt', Buffer.from('x')))).toEqual({ status, code });
  });

  it('an empty query value is signed as the bare name (doc, Python and Go SDKs), not "name="', async () => {
    // The V4 page and Alibaba's oss2 (auth.py ProviderAuthV4.__param_to_query) and Go v2
    // (signer/v4.go) SDKs write a parameter whose value is empty as its bare name; ali-oss 6.23
    // (qs.stringify) writes "prefix=" and so fails here, as it would on OSS if OSS follows its
    // own documentation. A client must leave empty parameters out under V4.
    const oss = client(v4Only, await assumeRole(v4Only), true);
    expect(await failure(oss.listV2({ prefix: '' }, {}))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    const listed = await oss.listV2({ 'max-keys': '1' }, {});
    expect(listed.res.status).toBe(200);
    // ali-oss writes value-less sub-resources (?uploads) as bare names: accepted.
    expect((await oss.listUploads({}, {})).res.status).toBe(200);
  });

  it('an expired token is refused under V4 too', async () => {
    const oss = client(v4Only, await assumeRole(v4Only), true);
    v4Only.tokens.expireAll();
    expect(await failure(oss.put('v4/expired.txt', Buffer.from('x')))).toEqual({
      status: 403,
      code: 'SecurityTokenExpired',
    });
  });
});

describe('V1 refusal and V1 default', () => {
  it('refuses V1 with 403 AccessDenied and EC 0002-00000080 in V1-refused mode', async () => {
    const oss = client(v4Only, await assumeRole(v4Only), false);
    const refused = await failure(oss.put('v1/x.txt', Buffer.from('x')));
    expect(refused).toMatchObject({ status: 403, code: 'AccessDenied', ec: '0002-00000080' });
    const onHead = await failure(oss.head('v1/x.txt'));
    expect(onHead).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('accepts V1 and V4 side by side by default', async () => {
    const credentials = await assumeRole(both);
    await client(both, credentials, false).put('mixed/v1.txt', Buffer.from('1'));
    await client(both, credentials, true).put('mixed/v4.txt', Buffer.from('4'));
    expect(both.inspect.keys()).toEqual(expect.arrayContaining(['mixed/v1.txt', 'mixed/v4.txt']));
  });
});

describe('bucket names', () => {
  it('answers InvalidBucketName for a dotted bucket, NoSuchBucket for a valid other one', async () => {
    // ali-oss refuses a dotted name before sending; a raw path-style request reaches the server.
    const raw = await fetch(`${both.endpoint}/my.bucket/key`, { method: 'GET' });
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain('<Code>InvalidBucketName</Code>');
    const other = await fetch(`${both.endpoint}/other-bucket/key`, { method: 'GET' });
    expect(other.status).toBe(404);
  });

  it('refuses to start with a bucket name OSS would not accept', async () => {
    await expect(startOssTestServer({ bucket: 'with.dots' })).rejects.toThrow(
      /not an OSS bucket name/,
    );
  });
});
