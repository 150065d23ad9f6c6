import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sessionPolicyText } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { proxySettings, sdkAgents } from '../../../main/adapters/network/proxy-agents.js';
import { LeanDataPath } from '../../../main/adapters/s3/lean-data-path.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { translateS3Error } from '../../../main/adapters/s3/s3-error.js';
import { createAssumeRoleSource } from '../../../main/adapters/sts/assume-role-source.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { startForwardProxy, type ForwardProxy } from '../../services/forward-proxy.js';
import { rejection } from '../../support/rejection.js';
import { adminS3, uniquePrefix } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

const MIB = 1024 * 1024;
const md5 = (bytes: Uint8Array) => nodeDigest.md5Hex(bytes);
const bytes = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff);

/** A token for alice's assume-role, narrowed to `prefix` (mirror mode), durationSeconds as given. */
function stsToken(prefix: string, durationSeconds = 900): Promise<TemporaryCredentials> {
  const info = rgw();
  const secrets = new MemorySecretStore();
  secrets.secrets.set('ceph', info.user.secretAccessKey);
  return createAssumeRoleSource({
    profileId: 'ceph',
    endpoint: info.endpoint,
    region: 'ctyun',
    accessKeyId: info.user.accessKeyId,
    roleArn: info.roleArn,
    roleSessionName: 'ferry-lean-it',
    durationSeconds,
    policy: sessionPolicyText([{ bucket: info.bucket, prefix, mode: 'mirror', list: true }]),
    secrets,
  })();
}

/** The lean path and an SDK client of the same store, both signing with `token()`. */
function paths(token: () => Promise<TemporaryCredentials>, proxyUrl?: string) {
  const info = rgw();
  const agents = proxyUrl ? sdkAgents(info.endpoint, proxySettings(proxyUrl, {}), 4) : {};
  const client = createS3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: token,
    agents,
  });
  const lean = new LeanDataPath({
    client,
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: token,
    maxSockets: 4,
    agents,
  });
  opened.push(lean);
  return { client, lean };
}

const opened: LeanDataPath[] = [];
afterAll(() => {
  for (const lean of opened) lean.close();
});

async function adminRead(key: string): Promise<Buffer> {
  const answer = await adminS3().send(new GetObjectCommand({ Bucket: rgw().bucket, Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

describe('LeanDataPath on Ceph RGW (UNSIGNED-PAYLOAD + signed Content-MD5)', () => {
  it('PUT: the store keeps exactly the bytes and content type; the ETag is their MD5', async () => {
    const prefix = uniquePrefix('lean-put');
    const token = await stsToken(prefix);
    const { lean } = paths(() => Promise.resolve(token));
    const key = `${prefix}a b/ü+(1).txt`;
    const body = bytes(16 * 1024, 1);
    let progress = 0;
    const stored = await lean.putObject({
      bucket: rgw().bucket,
      key,
      body,
      md5Hex: md5(body),
      contentType: 'text/plain',
      onProgress: (n) => (progress = n),
    });
    expect(stored.ETag).toBe(`"${md5(body)}"`);
    expect(progress).toBe(body.byteLength);
    expect((await adminRead(key)).equals(Buffer.from(body))).toBe(true);
    const head = await adminS3().send(new HeadObjectCommand({ Bucket: rgw().bucket, Key: key }));
    expect(head.ContentType).toBe('text/plain');
  });

  it('multipart: parts sent lean assemble into the object (md5 of part md5s)', async () => {
    const prefix = uniquePrefix('lean-mpu');
    const token = await stsToken(prefix);
    const { client, lean } = paths(() => Promise.resolve(token));
    const { bucket } = rgw();
    const key = `${prefix}big.bin`;
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    const uploadId = created.UploadId!;
    const parts = [bytes(5 * MIB, 1), bytes(123_457, 2)];
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const { ETag } = await lean.uploadPart({
        bucket,
        key,
        uploadId,
        partNumber: index + 1,
        body,
        md5Hex: md5(body),
      });
      expect(ETag).toBe(`"${md5(body)}"`);
      etags.push(ETag!);
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const head = await adminS3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ETag).toBe(`"${nodeDigest.md5OfDigests(parts.map(md5))}-2"`);
    expect((await adminRead(key)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('damaged bytes (Content-MD5 of other bytes) are refused: BadDigest → bad-digest, nothing stored', async () => {
    const prefix = uniquePrefix('lean-digest');
    const token = await stsToken(prefix);
    const { client, lean } = paths(() => Promise.resolve(token));
    const { bucket } = rgw();
    const key = `${prefix}damaged.txt`;
    const error = await rejection(
      lean.putObject({ bucket, key, body: bytes(1000, 1), md5Hex: md5(bytes(1000, 2)) }),
    );
    expect(error).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    expect(translateS3Error(error, `PutObject ${key}`)).toMatchObject({
      code: 'bad-digest',
      disposition: 'retry',
    });
    const missing = await rejection(
      adminS3().send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
    );
    expect(missing).toMatchObject({ $metadata: { httpStatusCode: 404 } });

    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    const partError = await rejection(
      lean.uploadPart({
        bucket,
        key,
        uploadId: created.UploadId!,
        partNumber: 1,
        body: bytes(2000, 3),
        md5Hex: md5(bytes(2000, 4)),
      }),
    );
    expect(translateS3Error(partError, 'UploadPart')).toMatchObject({ code: 'bad-digest' });
  });

  it('an expired token and a replaced one are access-denied: the code the auth-retrying store refreshes on', async () => {
    const prefix = uniquePrefix('lean-expired');
    const { bucket } = rgw();
    const body = bytes(100, 5);
    const shortLived = await stsToken(prefix, Math.max(rgw().stsMinSeconds, 1));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const expired = await rejection(
      paths(() => Promise.resolve(shortLived)).lean.putObject({
        bucket,
        key: `${prefix}late.txt`,
        body,
        md5Hex: md5(body),
      }),
    );
    expect(expired).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(translateS3Error(expired, 'PutObject')).toMatchObject({ code: 'access-denied' });

    const good = await stsToken(prefix);
    const replaced = { ...good, sessionToken: `${good.sessionToken.slice(0, -8)}AAAAAAAA` };
    const refused = await rejection(
      paths(() => Promise.resolve(replaced)).lean.putObject({
        bucket,
        key: `${prefix}replaced.txt`,
        body,
        md5Hex: md5(body),
      }),
    );
    expect(translateS3Error(refused, 'PutObject')).toMatchObject({ code: 'access-denied' });
    // The same request with the good token goes through: the token, not the request, was bad.
    await paths(() => Promise.resolve(good)).lean.putObject({
      bucket,
      key: `${prefix}replaced.txt`,
      body,
      md5Hex: md5(body),
    });
  });

  it('a key outside the session policy is access-denied', async () => {
    const prefix = uniquePrefix('lean-denied');
    const token = await stsToken(prefix);
    const body = bytes(10, 6);
    const error = await rejection(
      paths(() => Promise.resolve(token)).lean.putObject({
        bucket: rgw().bucket,
        key: 'bob/not-mine.txt',
        body,
        md5Hex: md5(body),
      }),
    );
    expect(translateS3Error(error, 'PutObject bob/not-mine.txt')).toMatchObject({
      code: 'access-denied',
      disposition: 'no-retry',
    });
  });
});

describe('LeanDataPath through a forward proxy', () => {
  let proxy: ForwardProxy;
  beforeAll(async () => {
    proxy = await startForwardProxy();
  });
  afterAll(() => proxy.close());

  it('PUT and UploadPart go through the proxy the SDK path uses, and land', async () => {
    const prefix = uniquePrefix('lean-proxy');
    const token = await stsToken(prefix);
    const { client, lean } = paths(() => Promise.resolve(token), proxy.url);
    const { bucket } = rgw();
    proxy.seen.length = 0;
    const body = bytes(4096, 7);
    await lean.putObject({ bucket, key: `${prefix}p.txt`, body, md5Hex: md5(body) });
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: `${prefix}m.bin` }),
    );
    await lean.uploadPart({
      bucket,
      key: `${prefix}m.bin`,
      uploadId: created.UploadId!,
      partNumber: 1,
      body,
      md5Hex: md5(body),
    });
    const host = new URL(rgw().endpoint).host;
    expect(proxy.seen).toEqual([`PUT ${host}`, `POST ${host}`, `PUT ${host}`]);
    expect((await adminRead(`${prefix}p.txt`)).equals(Buffer.from(body))).toBe(true);
  });
});
