import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { sessionPolicyText } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import { AuthRetryingStore } from '../../../app/transfer/auth-retrying-store.js';
import {
  createAssumeRoleSource,
  type AssumeRoleSourceOptions,
} from '../../../main/adapters/sts/assume-role-source.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { S3ObjectStore } from '../../../main/adapters/s3/s3-object-store.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { describeObjectStoreContract } from '../../contracts/object-store-contract.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { rejection } from '../../support/rejection.js';
import { adminS3, uniquePrefix } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

const text = (s: string) => new TextEncoder().encode(s);
const md5 = (bytes: Uint8Array) => nodeDigest.md5Hex(bytes);

/** Alice's assume-role source, narrowed to one mirror-mode prefix that may be listed. */
function stsFor(prefix: string, over: Partial<AssumeRoleSourceOptions> = {}) {
  const info = rgw();
  const secrets = new MemorySecretStore();
  secrets.secrets.set('ceph', info.user.secretAccessKey);
  const source = createAssumeRoleSource({
    profileId: 'ceph',
    endpoint: info.endpoint,
    region: 'ctyun',
    accessKeyId: info.user.accessKeyId,
    roleArn: info.roleArn,
    roleSessionName: 'ferry-it',
    durationSeconds: 900,
    policy: sessionPolicyText([{ bucket: info.bucket, prefix, mode: 'mirror', list: true }]),
    secrets,
    ...over,
  });
  let calls = 0;
  const counted: CredentialSource = async (): Promise<TemporaryCredentials> => {
    calls += 1;
    return source();
  };
  return { source: counted, calls: () => calls };
}

/**
 * The store as Ferry wires it, plus a record of every HTTP exchange ("200" or "403 AccessDenied")
 * so tests can count attempts, not just outcomes.
 */
function storeWith(source: CredentialSource, clock: Clock = systemClock) {
  const info = rgw();
  const broker = new CredentialBroker({ label: 'ceph', source, clock });
  const client = createS3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: () => broker.get(),
  });
  const attempts = recordAttempts(client);
  const store = new AuthRetryingStore(new S3ObjectStore({ client }), broker);
  return { store, broker, attempts };
}

function recordAttempts(client: S3Client): string[] {
  const attempts: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        attempts.push('200');
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        attempts.push(`${e.$metadata?.httpStatusCode ?? '?'} ${e.name ?? ''}`.trim());
        throw error;
      }
    },
    // After `serialize`, where the SDK asks the TokenProvider for the request's token: a
    // request whose token never came was never sent, so it is no attempt.
    { step: 'build', name: 'recordAttempts' },
  );
  return attempts;
}

describeObjectStoreContract('S3ObjectStore on Ceph RGW', () => {
  const prefix = uniquePrefix('contract');
  const { store } = storeWith(stsFor(prefix).source);
  return Promise.resolve({ store, bucket: rgw().bucket, prefix, deniedPrefix: 'bob/' });
});

describe('S3ObjectStore on Ceph RGW', () => {
  it('stores exactly the bytes sent, with the content type given', async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('bytes');
    const { store } = storeWith(stsFor(prefix).source);
    const key = `${prefix}page.html`;
    const body = text('<h1>ferry</h1>');
    await store.putObject({ bucket, key, body, md5Hex: md5(body), contentType: 'text/html' });
    const admin = adminS3();
    const got = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe('<h1>ferry</h1>');
    expect(got.ContentType).toBe('text/html');
  });

  it("reports Ceph's empty Complete ETag as undefined; head gives md5(part md5s)-N", async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('etag');
    const { store } = storeWith(stsFor(prefix).source);
    const key = `${prefix}one-part.bin`;
    const body = text('a single small part');
    const { uploadId } = await store.createMultipart({ bucket, key, contentType: 'text/plain' });
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
    expect(await store.head({ bucket, key })).toEqual({
      key,
      etag: `${nodeDigest.md5OfDigests([etag])}-1`,
      size: body.byteLength,
    });
    const admin = await adminS3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(admin.ContentType).toBe('text/plain');
  });

  it("retries an expired token's 403 once, after a forced refresh, and succeeds", async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('expired');
    const sts = stsFor(prefix, { durationSeconds: 2 });
    // The local clock runs 60 s behind the server's: the broker still trusts a token that the
    // store already considers expired, which is what forced refresh exists for.
    const lagging: Clock = { now: () => Date.now() - 60_000, sleep: (ms) => systemClock.sleep(ms) };
    const { store, broker, attempts } = storeWith(sts.source, lagging);
    await broker.get();
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const key = `${prefix}late.txt`;
    const body = text('made it');
    expect(await store.putObject({ bucket, key, body, md5Hex: md5(body) })).toEqual({
      etag: md5(body),
    });
    expect(attempts).toEqual(['403 AccessDenied', '200']);
    expect(sts.calls()).toBe(2);
  });

  it('a denied key is tried twice at most, costs one extra STS call, and names action and key', async () => {
    const { bucket } = rgw();
    const prefix = uniquePrefix('denied');
    const sts = stsFor(prefix);
    const { store, attempts } = storeWith(sts.source);
    const body = text('not mine');

    const first = await rejection(
      store.putObject({ bucket, key: 'bob/x.txt', body, md5Hex: md5(body) }),
    );
    expect(first).toMatchObject({ code: 'access-denied', disposition: 'no-retry' });
    expect(first.message).toBe(
      'PutObject bob/x.txt: denied by the store (AccessDenied), even with fresh credentials.',
    );
    expect(first.requestId).toMatch(/\S/);
    expect(attempts).toEqual(['403 AccessDenied', '403 AccessDenied']);
    expect(sts.calls()).toBe(2);

    // A second denial right after: the forced refresh is rate-limited, so no new STS call.
    await rejection(store.putObject({ bucket, key: 'bob/y.txt', body, md5Hex: md5(body) }));
    expect(attempts).toHaveLength(4);
    expect(sts.calls()).toBe(2);
  });

  it("surfaces the credential source's SyncError unchanged, without sending a request", async () => {
    const refused = new SyncError(
      'sts-denied',
      'fatal',
      'STS refused to let access key AK assume arn:aws:iam:::role/SyncRole (HTTP 403).',
      { hint: 'Store the right secret with `ferry secret set ceph`.' },
    );
    const { store, attempts } = storeWith(() => Promise.reject(refused));
    const error = await rejection(store.head({ bucket: rgw().bucket, key: 'alice/x.txt' }));
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      code: 'sts-denied',
      disposition: 'fatal',
      message: refused.message,
      hint: refused.hint,
    });
    expect(attempts).toEqual([]);
  });

  it('a missing bucket is a configuration error (fatal), not a per-file one', async () => {
    const prefix = uniquePrefix('nobucket');
    const { store } = storeWith(stsFor(prefix).source);
    const body = text('x');
    const error = await rejection(
      store.putObject({ bucket: 'no-such-bucket', key: `${prefix}x`, body, md5Hex: md5(body) }),
    );
    expect(error).toMatchObject({ code: 'bucket-missing', disposition: 'fatal' });
    expect(error.message).toMatch(/the bucket does not exist \(NoSuchBucket\)/);
  });

  it('a clock 20 minutes off is clock-skewed, with no forced token refresh', async () => {
    const info = rgw();
    const prefix = uniquePrefix('skew');
    const sts = stsFor(prefix);
    const broker = new CredentialBroker({ label: 'ceph', source: sts.source, clock: systemClock });
    const client = createS3Client({
      endpoint: info.endpoint,
      region: info.region,
      forcePathStyle: true,
      credentials: () => broker.get(),
    });
    // The SDK signs with Date.now() + systemClockOffset: this is a machine 20 minutes behind.
    (client.config as { systemClockOffset: number }).systemClockOffset = -20 * 60_000;
    const attempts = recordAttempts(client);
    const store = new AuthRetryingStore(new S3ObjectStore({ client }), broker);
    const body = text('x');
    const error = await rejection(
      store.putObject({ bucket: info.bucket, key: `${prefix}x`, body, md5Hex: md5(body) }),
    );
    expect(error).toMatchObject({ code: 'clock-skewed', disposition: 'fatal' });
    expect(error.message).toMatch(/RequestTimeTooSkewed/);
    expect(error.hint).toMatch(/clock/);
    // One request, one token: the 403 did not trigger the AuthRetryingStore's refresh-and-retry.
    expect(attempts).toEqual(['403 RequestTimeTooSkewed']);
    expect(sts.calls()).toBe(1);
  });
});
