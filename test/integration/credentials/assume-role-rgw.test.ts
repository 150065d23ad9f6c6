import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { sessionPolicyText, type FolderGrant } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import { SecretRegistry } from '../../../app/logging/redact.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { TokenProvider } from '../../../app/ports/token-provider.js';
import { AuthRetryingStore } from '../../../app/transfer/auth-retrying-store.js';
import {
  createAssumeRoleSource,
  type AssumeRoleSourceOptions,
} from '../../../main/adapters/sts/assume-role-source.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { JsonLinesLogger } from '../../../main/adapters/system/json-lines-logger.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { S3ObjectStore } from '../../../main/adapters/s3/s3-object-store.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { describeTokenProviderContract } from '../../contracts/token-provider-contract.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { rejection } from '../../support/rejection.js';
import {
  adminS3,
  brokeredS3,
  outcome,
  put,
  read,
  remove,
  uniquePrefix,
} from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

function sourceFor(grants: FolderGrant[], over: Partial<AssumeRoleSourceOptions> = {}) {
  const info = rgw();
  const secrets = new MemorySecretStore();
  secrets.secrets.set('ceph', info.user.secretAccessKey);
  let calls = 0;
  const source = createAssumeRoleSource({
    profileId: 'ceph',
    endpoint: info.endpoint,
    region: 'ctyun', // CTyun's fixed signing region; RGW accepts any, so the CTyun flow is exercised
    accessKeyId: info.user.accessKeyId,
    roleArn: info.roleArn,
    roleSessionName: 'ferry-it',
    durationSeconds: 900,
    policy: grants.length > 0 ? sessionPolicyText(grants) : undefined,
    secrets,
    ...over,
  });
  const counted = async (): Promise<TemporaryCredentials> => {
    calls += 1;
    return source();
  };
  return { source: counted, secrets, calls: () => calls };
}

const md5Hex = (body: Uint8Array) => nodeDigest.md5Hex(body);

function s3With(credentials: () => Promise<TemporaryCredentials>) {
  const info = rgw();
  return createS3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials,
  });
}

describeTokenProviderContract('CredentialBroker over assume-role on Ceph RGW', () => {
  const info = rgw();
  const grants = [
    { bucket: info.bucket, prefix: 'contract/', mode: 'upload' as const, list: false },
  ];
  return Promise.resolve(
    new CredentialBroker({ label: 'ceph', source: sourceFor(grants).source, clock: systemClock }),
  );
});

describe('assume-role against Ceph RGW', () => {
  it('returns temporary credentials narrowed by the generated session policy', async () => {
    const info = rgw();
    const prefix = uniquePrefix('alice');
    const { source } = sourceFor([{ bucket: info.bucket, prefix, mode: 'upload', list: false }]);
    const credentials = await source();
    expect(credentials.accessKeyId).not.toBe(info.user.accessKeyId);
    expect(credentials.sessionToken.length).toBeGreaterThan(100);
    expect(credentials.expiration.getTime() - Date.now()).toBeGreaterThan(800_000);

    const s3 = s3With(() => Promise.resolve(credentials));
    const admin = adminS3();
    await put(admin, info.bucket, 'bob/secret.txt', 'not yours');
    // Role allows everything on the bucket; the session policy narrows it to this prefix, upload only.
    const results = {
      putInPrefix: await outcome(put(s3, info.bucket, `${prefix}a.txt`, 'payload')),
      deleteInPrefix: await outcome(remove(s3, info.bucket, `${prefix}a.txt`)),
      putOtherPrefix: await outcome(put(s3, info.bucket, 'bob/x.txt')),
      readOtherPrefix: await outcome(read(s3, info.bucket, 'bob/secret.txt')),
      putOtherBucket: await outcome(put(s3, info.otherBucket, `${prefix}a.txt`)),
    };
    expect(results).toEqual({
      putInPrefix: 'allowed',
      deleteInPrefix: 'denied 403 AccessDenied',
      putOtherPrefix: 'denied 403 AccessDenied',
      readOtherPrefix: 'denied 403 AccessDenied',
      putOtherBucket: 'denied 403 AccessDenied',
    });
    expect(await read(admin, info.bucket, `${prefix}a.txt`)).toBe('payload');
  });

  it('a mirror-mode policy also allows DeleteObject in the prefix, and nothing more', async () => {
    const info = rgw();
    const prefix = uniquePrefix('mirror');
    const { source } = sourceFor([{ bucket: info.bucket, prefix, mode: 'mirror', list: false }]);
    const credentials = await source();
    const s3 = s3With(() => Promise.resolve(credentials));
    expect(await outcome(put(s3, info.bucket, `${prefix}a.txt`))).toBe('allowed');
    expect(await outcome(remove(s3, info.bucket, `${prefix}a.txt`))).toBe('allowed');
    expect(await outcome(remove(s3, info.bucket, 'bob/secret.txt'))).toBe(
      'denied 403 AccessDenied',
    );
  });

  it.each([
    [
      'a wrong secret',
      { secret: 'wrong-secret-0000000000000000000000000000' },
      'sts-denied',
      /refused to let access key/,
    ],
    [
      'a role that does not exist',
      { roleArn: 'arn:aws:iam:::role/NoSuchRole' },
      'sts-role-not-found',
      /has no role arn:aws:iam:::role\/NoSuchRole/,
    ],
    [
      'a duration above the role cap (3600 on Ceph)',
      { durationSeconds: 3601 },
      'sts-invalid-request',
      /rejected the AssumeRole request/,
    ],
    [
      'an endpoint nobody listens on',
      { endpoint: 'http://127.0.0.1:1' },
      'sts-unreachable',
      /Cannot reach STS at http:\/\/127\.0\.0\.1:1 /,
    ],
  ])('explains %s', async (_name, change, code, message) => {
    const { secret, ...options } = change as { secret?: string } & Partial<AssumeRoleSourceOptions>;
    const info = rgw();
    const { source, secrets } = sourceFor(
      [{ bucket: info.bucket, prefix: 'x/', mode: 'upload', list: false }],
      options,
    );
    if (secret) secrets.secrets.set('ceph', secret);
    const error = await rejection(source());
    expect(error).toMatchObject({ code });
    expect(error.message).toMatch(message);
  });

  it('says how to store a missing secret', async () => {
    const { source, secrets } = sourceFor([]);
    secrets.secrets.clear();
    await expect(source()).rejects.toMatchObject({
      code: 'secret-missing',
      hint: expect.stringMatching(/ferry secret set ceph.*FERRY_SECRET_CEPH/),
    });
  });

  it('concurrent uploads share one STS call', async () => {
    const info = rgw();
    const prefix = uniquePrefix('burst');
    const sts = sourceFor([{ bucket: info.bucket, prefix, mode: 'upload', list: false }]);
    const { s3 } = brokeredS3(sts.source);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(put(s3, info.bucket, `${prefix}${i}.txt`, `file ${i}`)),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, () => 'allowed'));
    expect(sts.calls()).toBe(1);
  });

  it('refreshes a short-lived token before it expires: no request ever meets an expired token', async () => {
    const info = rgw();
    expect(info.stsMinSeconds).toBeLessThanOrEqual(4);
    const prefix = uniquePrefix('short');
    const sts = sourceFor([{ bucket: info.bucket, prefix, mode: 'upload', list: false }], {
      durationSeconds: 4,
    });
    const { broker, s3 } = brokeredS3(sts.source);
    let authFailures = 0;
    // Every rejected token reaches forceRefresh: count those.
    const counting: TokenProvider = {
      get: () => broker.get(),
      get generation() {
        return broker.generation;
      },
      forceRefresh: (rejected) => {
        authFailures += 1;
        return broker.forceRefresh(rejected);
      },
    };
    const store = new AuthRetryingStore(new S3ObjectStore({ client: s3 }), counting);
    const deadline = Date.now() + 11_000;
    let puts = 0;
    while (Date.now() < deadline) {
      const body = new TextEncoder().encode('hello');
      const key = `${prefix}${puts}.txt`;
      await store.putObject({ bucket: info.bucket, key, body, md5Hex: md5Hex(body) });
      puts += 1;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // 11 s of 4 s tokens: at least two refreshes, each ahead of expiry.
    expect(sts.calls()).toBeGreaterThanOrEqual(3);
    expect(authFailures).toBe(0);
    expect(puts).toBeGreaterThan(20);
  });

  it("an expired token's 403 leads to one forced refresh and a successful retry", async () => {
    const info = rgw();
    const prefix = uniquePrefix('skew');
    const sts = sourceFor([{ bucket: info.bucket, prefix, mode: 'upload', list: false }], {
      durationSeconds: 2,
    });
    // This computer's clock runs 60 s behind the server's: the broker believes the token is
    // still good when the store already considers it expired (the case forced refresh exists for).
    const laggingClock: Clock = {
      now: () => Date.now() - 60_000,
      sleep: (ms) => systemClock.sleep(ms),
    };
    const broker = new CredentialBroker({ label: 'ceph', source: sts.source, clock: laggingClock });
    const s3 = s3With(() => broker.get());
    await broker.get();
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const attempts: string[] = [];
    // Each request's outcome, as `outcome` words it, recorded on the way out of the client.
    s3.middlewareStack.add(
      (next) => (args) => {
        const sent = next(args);
        return outcome(sent).then((said) => (attempts.push(said), sent));
      },
      { step: 'initialize', name: 'recordOutcomes' },
    );
    const store = new AuthRetryingStore(new S3ObjectStore({ client: s3 }), broker);
    const body = new TextEncoder().encode('made it');
    await store.putObject({
      bucket: info.bucket,
      key: `${prefix}late.txt`,
      body,
      md5Hex: md5Hex(body),
    });
    expect(attempts).toEqual(['denied 403 AccessDenied', 'allowed']);
    expect(sts.calls()).toBe(2);
    expect(await read(adminS3(), info.bucket, `${prefix}late.txt`)).toBe('made it');
  });

  it('logs refreshes without any secret, token or long-lived key', async () => {
    const info = rgw();
    const lines: string[] = [];
    const registry = new SecretRegistry();
    const logger = new JsonLinesLogger({
      write: (line) => lines.push(line),
      level: 'debug',
      secrets: registry,
    });
    const sts = sourceFor([{ bucket: info.bucket, prefix: 'logs/', mode: 'upload', list: false }]);
    const broker = new CredentialBroker({
      label: 'ceph',
      source: sts.source,
      clock: systemClock,
      logger,
    });
    const token = await broker.get();
    await broker.forceRefresh(broker.generation);
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('credentials refreshed');
    for (const secret of [token.secretAccessKey, token.sessionToken, info.user.secretAccessKey]) {
      expect(text).not.toContain(secret);
    }
  });
});
