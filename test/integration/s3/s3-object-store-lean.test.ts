import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { sessionPolicyText } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import { AuthRetryingStore } from '../../../app/transfer/auth-retrying-store.js';
import { uploadMultipart } from '../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../app/transfer/token-bucket.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { proxySettings, sdkAgents } from '../../../main/adapters/network/proxy-agents.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { LeanWithFallback, s3BodySender } from '../../../main/adapters/s3/s3-body-senders.js';
import { S3ObjectStore } from '../../../main/adapters/s3/s3-object-store.js';
import { createAssumeRoleSource } from '../../../main/adapters/sts/assume-role-source.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { describeObjectStoreContract } from '../../contracts/object-store-contract.js';
import { MemoryFileSystem } from '../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../fakes/memory-journal.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { startForwardProxy, type ForwardProxy } from '../../services/forward-proxy.js';
import { adminS3, read, uniquePrefix } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

const text = (s: string) => new TextEncoder().encode(s);
const md5 = (bytes: Uint8Array) => nodeDigest.md5Hex(bytes);

/** Alice's assume-role source narrowed to one mirror-mode prefix, counting its STS calls. */
function stsFor(prefix: string, durationSeconds = 900) {
  const info = rgw();
  const secrets = new MemorySecretStore();
  secrets.secrets.set('ceph', info.user.secretAccessKey);
  const source = createAssumeRoleSource({
    profileId: 'ceph',
    endpoint: info.endpoint,
    region: 'ctyun',
    accessKeyId: info.user.accessKeyId,
    roleArn: info.roleArn,
    roleSessionName: 'ferry-lean-store-it',
    durationSeconds,
    policy: sessionPolicyText([{ bucket: info.bucket, prefix, mode: 'mirror', list: true }]),
    secrets,
  });
  let calls = 0;
  const counted: CredentialSource = (): Promise<TemporaryCredentials> => {
    calls += 1;
    return source();
  };
  return { source: counted, calls: () => calls };
}

const closers: (() => void)[] = [];
afterAll(() => {
  for (const close of closers) close();
});

/** The S3 store as compose wires it for a preset that allows unsigned payloads. */
function leanStore(source: CredentialSource, options: { clock?: Clock; proxyUrl?: string } = {}) {
  const info = rgw();
  const broker = new CredentialBroker({
    label: 'ceph',
    source,
    clock: options.clock ?? systemClock,
  });
  const addressing = { endpoint: info.endpoint, region: info.region, forcePathStyle: true };
  const agents = options.proxyUrl
    ? sdkAgents(info.endpoint, proxySettings(options.proxyUrl, {}), 4)
    : {};
  const credentials = () => broker.get();
  const client: S3Client = createS3Client({ ...addressing, credentials, maxSockets: 4, agents });
  const bodies = s3BodySender(true, { ...addressing, client, credentials, maxSockets: 4, agents });
  closers.push(() => bodies.close());
  if (!(bodies instanceof LeanWithFallback)) throw new Error('expected the lean path');
  const store = new AuthRetryingStore(new S3ObjectStore({ client, bodies }), broker);
  return { store, broker, bodies };
}

describeObjectStoreContract('S3ObjectStore on Ceph RGW, lean data path', () => {
  const prefix = uniquePrefix('contract-lean');
  const { store } = leanStore(stsFor(prefix).source);
  return Promise.resolve({ store, bucket: rgw().bucket, prefix, deniedPrefix: 'bob/' });
});

describe('S3ObjectStore on Ceph RGW, lean data path', () => {
  it("an expired token's 403 is retried once after a forced refresh, and the PUT lands", async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('lean-expired');
    const sts = stsFor(prefix, Math.max(rgw().stsMinSeconds, 2));
    // The local clock runs 60 s behind: the broker trusts a token the store considers expired.
    const lagging: Clock = { now: () => Date.now() - 60_000, sleep: (ms) => systemClock.sleep(ms) };
    const { store, broker, bodies } = leanStore(sts.source, { clock: lagging });
    await broker.get();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const key = `${prefix}late.txt`;
    const body = text('made it, lean');
    expect(await store.putObject({ bucket, key, body, md5Hex: md5(body) })).toEqual({
      etag: md5(body),
    });
    expect(sts.calls()).toBe(2);
    expect(await read(adminS3(), bucket, key)).toBe('made it, lean');
    // The 403 was the token's: the store was not taken for one that needs signed payloads.
    expect(bodies.usesSdk).toBe(false);
  });

  it('a replaced (refused) token is refreshed once and the part is sent again with the new one', async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('lean-replaced');
    const sts = stsFor(prefix);
    let handedOut = 0;
    // The first token handed out has a session token the store does not know (replaced since).
    const source: CredentialSource = async () => {
      const token = await sts.source();
      handedOut += 1;
      const unknown = `${token.sessionToken.slice(0, -8)}AAAAAAAA`; // well-formed, not the store's
      return handedOut === 1 ? { ...token, sessionToken: unknown } : token;
    };
    const { store, bodies } = leanStore(source);
    const key = `${prefix}part.bin`;
    const { uploadId } = await leanStore(sts.source).store.createMultipart({ bucket, key });
    const body = text('part after a refresh');
    expect(
      await store.uploadPart({ bucket, key, uploadId, partNumber: 1, body, md5Hex: md5(body) }),
    ).toEqual({ etag: md5(body) });
    expect(handedOut).toBe(2);
    expect(bodies.usesSdk).toBe(false);
  });

  describe('through a forward proxy', () => {
    let proxy: ForwardProxy;
    beforeAll(async () => {
      proxy = await startForwardProxy();
    });
    afterAll(() => proxy.close());

    it('PUT and UploadPart go through the proxy with the control calls', async () => {
      const { bucket } = rgw();
      const prefix = uniquePrefix('lean-store-proxy');
      const { store, bodies } = leanStore(stsFor(prefix).source, { proxyUrl: proxy.url });
      proxy.seen.length = 0;
      const body = text('proxied, lean');
      await store.putObject({ bucket, key: `${prefix}p.txt`, body, md5Hex: md5(body) });
      const { uploadId } = await store.createMultipart({ bucket, key: `${prefix}m.bin` });
      const { etag } = await store.uploadPart({
        bucket,
        key: `${prefix}m.bin`,
        uploadId,
        partNumber: 1,
        body,
        md5Hex: md5(body),
      });
      await store.completeMultipart({
        bucket,
        key: `${prefix}m.bin`,
        uploadId,
        parts: [{ partNumber: 1, etag }],
      });
      const host = new URL(rgw().endpoint).host;
      expect(proxy.seen).toEqual([`PUT ${host}`, `POST ${host}`, `PUT ${host}`, `POST ${host}`]);
      expect(await read(adminS3(), bucket, `${prefix}m.bin`)).toBe('proxied, lean');
      expect(bodies.usesSdk).toBe(false);
    });
  });

  it('a 64 MiB multipart upload reports bytes inside its parts as they leave (issue 13)', async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('lean-progress');
    const { store } = leanStore(stsFor(prefix).source);
    const MiB = 1024 * 1024;
    const size = 64 * MiB;
    const partSize = 16 * MiB;
    const content = nodeDigest.allocate(size);
    for (let i = 0; i < size; i += 4096) content[i] = (i >> 12) & 0xff;
    const fs = new MemoryFileSystem();
    fs.mkdir('/data');
    fs.writeFile('/data/big.bin', content);
    const file = await fs.openFile('/data/big.bin');
    const reports: number[] = [];
    try {
      const result = await uploadMultipart(
        {
          fs,
          store,
          journal: new MemoryJournal(),
          digest: nodeDigest,
          clock: systemClock,
          // 32 MiB/s at most: the upload takes 2 s or more however fast the machine is.
          bandwidth: new TokenBucket(32 * MiB, systemClock),
        },
        {
          folderId: 'f',
          relativePath: 'big.bin',
          absolutePath: '/data/big.bin',
          bucket,
          remoteKey: `${prefix}big.bin`,
        },
        file,
        { partSize, partConcurrency: 2 },
        (bytesDone) => reports.push(bytesDone),
      );
      expect(result).toMatchObject({ etag: expect.stringMatching(/-4$/) });
    } finally {
      await file.close();
    }
    // None past the size, never going back (nothing was sent twice here). How many land inside
    // a part depends on the machine's speed (at most ~4 a second, and the bandwidth share is
    // granted before each part is signed), so the bytes inside a body are checked below on the
    // store's own reports.
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...reports)).toBeLessThanOrEqual(size);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));

    // The store reports a body's bytes as the socket takes them: many figures inside one 16 MiB
    // body, growing, ending at its size.
    const body = content.subarray(0, partSize);
    const sent: number[] = [];
    await store.putObject({
      bucket,
      key: `${prefix}one-body.bin`,
      body,
      md5Hex: nodeDigest.md5Hex(body),
      onProgress: (bytes) => sent.push(bytes),
    });
    expect(sent.filter((bytes) => bytes < partSize).length).toBeGreaterThanOrEqual(3);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(partSize);
  }, 120_000);
});
