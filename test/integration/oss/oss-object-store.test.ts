import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { OSS_RAM_POLICY, sessionPolicyText } from '../../../app/credentials/session-policy.js';
import type { TemporaryCredentials } from '../../../app/credentials/temporary-credentials.js';
import { createAliyunStsSource } from '../../../main/adapters/credentials/aliyun-sts-source.js';
import { nodeDigest } from '../../../main/adapters/node-digest.js';
import { OssObjectStore } from '../../../main/adapters/oss/oss-object-store.js';
import { systemClock } from '../../../main/adapters/system-clock.js';
import { describeObjectStoreContract } from '../../contracts/object-store-contract.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';
import { rejection } from '../../support/rejection.js';

let server: OssTestServer;
beforeAll(async () => {
  server = await startOssTestServer({ minDurationSeconds: 1 });
});
afterAll(() => server.close());

function ossStore(prefix: string, options: { secret?: string; mode?: 'upload' | 'mirror' } = {}) {
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
  const store = new OssObjectStore({
    region: undefined,
    endpoint: server.endpoint,
    customDomain: false,
    broker,
  });
  return { store, broker, source, stsCalls: () => calls };
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
