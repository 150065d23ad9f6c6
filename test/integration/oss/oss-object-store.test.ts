import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import type { LookupFunction } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { OSS_RAM_POLICY, sessionPolicyText } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import type { ObjectStore } from '../../../app/ports/object-store.js';
import { AuthRetryingStore } from '../../../app/transfer/auth-retrying-store.js';
import { crc64, crc64OfParts } from '../../../app/transfer/crc64.js';
import { uploadMultipart } from '../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../app/transfer/token-bucket.js';
import { createAliyunStsSource } from '../../../main/adapters/sts/aliyun-sts-source.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import type { OssSignatureVersion } from '../../../main/adapters/oss/oss-addressing.js';
import { OssObjectStore } from '../../../main/adapters/oss/oss-object-store.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { describeObjectStoreContract } from '../../contracts/object-store-contract.js';
import { MemoryFileSystem } from '../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../fakes/memory-journal.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';
import { rejection } from '../../support/rejection.js';

const CUSTOM_DOMAIN = 'files.ferry-oss.example';

// Like an account or bucket created after Alibaba closed V1 signatures (2025-03-01 / 2025-09-01):
// everything below runs V4 (Ferry's default) against a server that refuses V1.
let server: OssTestServer;
beforeAll(async () => {
  server = await startOssTestServer({
    minDurationSeconds: 1,
    v1Refused: true,
    customDomains: [CUSTOM_DOMAIN],
  });
});
afterAll(() => server.close());

/** Resolves every host name to 127.0.0.1, so the custom domain reaches the local server. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

interface OssStoreOptions {
  secret?: string;
  mode?: 'upload' | 'mirror';
  signatureVersion?: OssSignatureVersion;
  region?: string;
  endpoint?: string;
  customDomain?: boolean;
  agent?: HttpAgent;
}

function ossStore(prefix: string, options: OssStoreOptions = {}) {
  const secrets = new MemorySecretStore();
  secrets.secrets.set('oss', options.secret ?? server.ramUser.accessKeySecret);
  let calls = 0;
  const source = createAliyunStsSource({
    profileId: 'oss',
    endpoint: server.stsEndpoint,
    accessKeyId: server.ramUser.accessKeyId,
    roleArn: server.roleArn,
    roleSessionName: 'ferry-it',
    durationSeconds: 900,
    policy: sessionPolicyText(
      [{ bucket: server.bucket, prefix, mode: options.mode ?? 'mirror', list: true }],
      OSS_RAM_POLICY,
    ),
    secrets,
    clock: systemClock,
  });
  const counted = async (): Promise<TemporaryCredentials> => {
    calls += 1;
    return source();
  };
  const broker = new CredentialBroker({ label: 'oss', source: counted, clock: systemClock });
  const oss = new OssObjectStore({
    region: 'region' in options ? options.region : server.region,
    endpoint: options.endpoint ?? server.endpoint,
    customDomain: options.customDomain ?? false,
    ...(options.signatureVersion ? { signatureVersion: options.signatureVersion } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
    tokens: broker,
  });
  // As compose/stores.ts wires it: the auth retry is the decorator's.
  const store = new AuthRetryingStore(oss, broker);
  return { store, oss, broker, source, stsCalls: () => calls };
}

describeObjectStoreContract('OssObjectStore on the OSS test server', () => {
  const prefix = `contract-${Math.random().toString(36).slice(2, 8)}/`;
  return Promise.resolve({
    store: ossStore(prefix).store,
    bucket: server.bucket,
    prefix,
    deniedPrefix: 'bob/',
  });
});

describe('OSS specifics', () => {
  it('aliyun-sts issues a RAM-policy token that the store honours', async () => {
    const { source } = ossStore('policy/');
    const token = await source();
    expect(token.sessionToken.length).toBeGreaterThan(20);
    expect(token.expiration.getTime()).toBeGreaterThan(Date.now() + 800_000);
  });

  it('a wrong AccessKeySecret is an sts-denied error that says how to fix it', async () => {
    const { source } = ossStore('x/', { secret: 'wrong-secret-000000000000000000' });
    const error = await rejection(source());
    expect(error).toMatchObject({ code: 'sts-denied', disposition: 'fatal' });
    expect(error.hint).toContain('ferry secret set oss');
  });

  it('an expired token leads to one forced refresh and a successful retry', async () => {
    const { store, stsCalls } = ossStore('expiry/');
    const body = new TextEncoder().encode('before expiry');
    await store.putObject({
      bucket: server.bucket,
      key: 'expiry/a.txt',
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    expect(stsCalls()).toBe(1);
    server.tokens.expireAll();
    const again = new TextEncoder().encode('after expiry');
    await store.putObject({
      bucket: server.bucket,
      key: 'expiry/a.txt',
      body: again,
      md5Hex: nodeDigest.md5Hex(again),
    });
    expect(stsCalls()).toBe(2);
    expect((await server.inspect.read('expiry/a.txt'))?.toString()).toBe('after expiry');
  });

  it('an upload-only token cannot delete: access-denied, no retry storm', async () => {
    const { store, stsCalls } = ossStore('uponly/', { mode: 'upload' });
    const body = new TextEncoder().encode('keep me');
    await store.putObject({
      bucket: server.bucket,
      key: 'uponly/a.txt',
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    const error = await rejection(store.delete({ bucket: server.bucket, key: 'uponly/a.txt' }));
    expect(error).toMatchObject({ code: 'access-denied', disposition: 'no-retry' });
    expect(error.message).toMatch(/^DeleteObject uponly\/a\.txt: denied by the store/);
    expect(error.requestId).toBeTruthy();
    expect(stsCalls()).toBe(2); // one forced refresh, then the denial stands
  });
});

describe('OSS V4 signing, integrity and errors (against a V1-refusing server)', () => {
  const text = (value: string) => new TextEncoder().encode(value);
  const put = (store: ObjectStore, key: string, value: string) => {
    const body = text(value);
    return store.putObject({ bucket: server.bucket, key, body, md5Hex: nodeDigest.md5Hex(body) });
  };

  it.each([['cn-hangzhou'], ['oss-cn-hangzhou']])(
    'region %s: the same endpoint host and V4 signing region',
    async (region) => {
      const { store, oss } = ossStore('v4/', { region });
      expect(oss.addressing).toMatchObject({ signingRegion: 'cn-hangzhou' });
      const answer = await put(store, `v4/${region}.txt`, region);
      expect(answer.crc64).toBe(crc64(text(region)));
      const signed = server.requests.filter((r) => r.key === `v4/${region}.txt`);
      expect(signed.map((r) => r.status)).toEqual([200]);
    },
  );

  it('a V1 profile against it fails at once with a config error naming signatureVersion, no token refresh', async () => {
    const { store, stsCalls } = ossStore('v1/', { signatureVersion: 'v1' });
    const error = await rejection(put(store, 'v1/a.txt', 'x'));
    expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
    expect(error.message).toContain('V1 signatures');
    expect(error.hint).toContain('signatureVersion: v4');
    expect(stsCalls()).toBe(1);
    // HEAD answers carry the error in x-oss-err; the same translation applies.
    expect(await rejection(store.head({ bucket: server.bucket, key: 'v1/a.txt' }))).toMatchObject({
      code: 'config-invalid',
    });
  });

  it('a multipart object is verified by its CRC-64: Complete and HEAD report the combined part CRCs', async () => {
    const { store } = ossStore('crc/');
    const key = 'crc/big.bin';
    const parts = [new Uint8Array(200 * 1024).fill(7), text('the short last part')];
    const { uploadId } = await store.createMultipart({ bucket: server.bucket, key });
    const sent = [];
    for (const [index, body] of parts.entries()) {
      const answer = await store.uploadPart({
        bucket: server.bucket,
        key,
        uploadId,
        partNumber: index + 1,
        body,
        md5Hex: nodeDigest.md5Hex(body),
      });
      expect(answer.crc64).toBe(crc64(body));
      sent.push({
        partNumber: index + 1,
        etag: answer.etag,
        crc64: answer.crc64!,
        size: body.length,
      });
    }
    const completed = await store.completeMultipart({
      bucket: server.bucket,
      key,
      uploadId,
      parts: sent,
    });
    const combined = crc64OfParts(sent);
    expect(completed.crc64).toBe(combined);
    const head = await store.head({ bucket: server.bucket, key });
    expect(head?.crc64).toBe(combined);
    // The server's multipart ETag is not the S3 rule (as real OSS): comparing it would fail.
    const s3Rule = `${nodeDigest.md5OfDigests(sent.map((p) => p.etag))}-2`;
    expect(head?.etag).not.toBe(s3Rule);
  });

  it('the uploader verifies a real multipart upload by CRC-64 (the opaque ETag is never compared)', async () => {
    const { store } = ossStore('uploader/');
    const content = randomBytes(3 * 110 * 1024 + 17);
    const fs = new MemoryFileSystem();
    fs.mkdir('/data');
    fs.writeFile('/data/big.bin', content);
    const file = await fs.openFile('/data/big.bin');
    const journal = new MemoryJournal();
    try {
      const result = await uploadMultipart(
        {
          fs,
          store,
          journal,
          digest: nodeDigest,
          clock: systemClock,
          bandwidth: new TokenBucket(0, systemClock),
        },
        {
          folderId: 'f',
          relativePath: 'big.bin',
          absolutePath: '/data/big.bin',
          bucket: server.bucket,
          remoteKey: 'uploader/big.bin',
        },
        file,
        { partSize: 110 * 1024, partConcurrency: 2 },
        () => {},
      );
      expect(result).toMatchObject({ partsReused: 0 });
    } finally {
      await file.close();
    }
    expect(server.inspect.object('uploader/big.bin')?.crc64).toBe(crc64(content));
  });

  it('a custom domain (cname) reaches the bucket, signed V4', async () => {
    const port = new URL(server.endpoint).port;
    const { store } = ossStore('cname/', {
      endpoint: `http://${CUSTOM_DOMAIN}:${port}`,
      customDomain: true,
      region: 'cn-hangzhou',
      agent: new HttpAgent({ lookup: toLoopback }),
    });
    await put(store, 'cname/a.txt', 'via the custom domain');
    expect((await server.inspect.read('cname/a.txt'))?.toString()).toBe('via the custom domain');
    expect(await store.head({ bucket: server.bucket, key: 'cname/a.txt' })).toMatchObject({
      size: 'via the custom domain'.length,
    });
  });

  it('RequestTimeTooSkewed says how far the clock is off, and no token is refreshed for it', async () => {
    const { store, stsCalls } = ossStore('skew/');
    await put(store, 'skew/warm.txt', 'x');
    server.faults.skewNext('PutObject', { offsetSeconds: 1200 });
    const error = await rejection(put(store, 'skew/a.txt', 'x'));
    expect(error).toMatchObject({ code: 'clock-skewed', disposition: 'fatal' });
    expect(error.message).toMatch(/your clock is 1200 s off \(ahead of/);
    expect(stsCalls()).toBe(1);
  });

  it('503 SlowDown is throttled (retried later), not a denial or a refresh', async () => {
    const { store, stsCalls } = ossStore('throttle/');
    server.faults.throttleNext('PutObject');
    expect(await rejection(put(store, 'throttle/a.txt', 'x'))).toMatchObject({
      code: 'throttled',
      disposition: 'retry',
    });
    expect(stsCalls()).toBe(1);
    await put(store, 'throttle/a.txt', 'x');
  });

  it('a custom-domain profile without a region cannot sign V4: every call fails with the config error', async () => {
    const { store, stsCalls } = ossStore('noregion/', {
      endpoint: `http://${CUSTOM_DOMAIN}:1`,
      customDomain: true,
      region: undefined,
    });
    const error = await rejection(put(store, 'noregion/a.txt', 'x'));
    expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
    expect(error.message).toContain('(region)');
    expect(stsCalls()).toBe(0);
  });

  it('a folder at the bucket root (prefix "") lists objects and uploads in progress, signed V4', async () => {
    const { store } = ossStore('');
    await put(store, 'root-listing.txt', 'x');
    const page = await store.list({ bucket: server.bucket, prefix: '' });
    expect(page.objects.map((o) => o.key)).toContain('root-listing.txt');
    const { uploadId } = await store.createMultipart({ bucket: server.bucket, key: 'root-upload' });
    const uploads = await store.listMultipartUploads({ bucket: server.bucket, prefix: '' });
    expect(uploads.uploads.map((u) => u.uploadId)).toContain(uploadId);
    await store.abortMultipart({ bucket: server.bucket, key: 'root-upload', uploadId });
  });

  it('a bucket name with a dot is a fatal bucket-invalid error before any request', async () => {
    const { store } = ossStore('dots/');
    const before = server.requests.length;
    const error = await rejection(
      store.putObject({
        bucket: 'my.bucket',
        key: 'dots/a',
        body: text('x'),
        md5Hex: nodeDigest.md5Hex(text('x')),
      }),
    );
    expect(error).toMatchObject({ code: 'bucket-invalid', disposition: 'fatal' });
    expect(server.requests.length).toBe(before);
  });

  it('a bucket that does not exist is a fatal bucket-missing error', async () => {
    const { store } = ossStore('missing/');
    const error = await rejection(
      store.putObject({
        bucket: 'no-such-bucket-here',
        key: 'missing/a',
        body: text('x'),
        md5Hex: nodeDigest.md5Hex(text('x')),
      }),
    );
    expect(error).toMatchObject({ code: 'bucket-missing', disposition: 'fatal' });
  });
});
