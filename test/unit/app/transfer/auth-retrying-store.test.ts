import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../../app/credentials/credential-broker.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { TokenProvider } from '../../../../app/ports/token-provider.js';
import { AuthRetryingStore } from '../../../../app/transfer/auth-retrying-store.js';
import { describeObjectStoreContract } from '../../../contracts/object-store-contract.js';
import { describeTokenProviderContract } from '../../../contracts/token-provider-contract.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';
import { FakeTokenProvider } from '../../../fakes/fake-token-provider.js';
import { MemoryObjectStore, type ObjectStoreMethod } from '../../../fakes/memory-object-store.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';

const BUCKET = 'b';
const text = (s: string) => new TextEncoder().encode(s);
const body = text('hello');
const put = { bucket: BUCKET, key: 'alice/a.txt', body, md5Hex: nodeDigest.md5Hex(body) };

/** What the adapters make of a rejected token (store-error.ts). */
const denied = () =>
  new SyncError(
    'access-denied',
    'no-retry',
    'PutObject alice/a.txt: denied by the store (AccessDenied), even with fresh credentials.',
  );

function wrapped(tokens: TokenProvider = new FakeTokenProvider()) {
  const store = new MemoryObjectStore();
  return { store, tokens, retrying: new AuthRetryingStore(store, tokens) };
}

describe('AuthRetryingStore', () => {
  it('refreshes once and retries once when the store rejects the token', async () => {
    const tokens = new FakeTokenProvider();
    const { store, retrying } = wrapped(tokens);
    store.failNext('putObject', denied());
    expect(await retrying.putObject(put)).toEqual({ etag: put.md5Hex });
    expect(store.calls.putObject).toBe(2);
    expect(tokens.forced).toEqual([1]);
  });

  it('surfaces the error after the single retry', async () => {
    const tokens = new FakeTokenProvider();
    const { store, retrying } = wrapped(tokens);
    const second = denied();
    store.failNext('putObject', denied());
    store.failNext('putObject', second);
    await expect(retrying.putObject(put)).rejects.toBe(second);
    expect(store.calls.putObject).toBe(2);
    expect(tokens.forced).toEqual([1]);
  });

  it.each([
    ['clock-skewed', 'fatal'],
    ['throttled', 'retry'],
    ['config-invalid', 'fatal'],
    ['network', 'retry'],
    ['server-error', 'retry'],
    ['not-found', 'no-retry'],
    ['sts-denied', 'fatal'],
    ['credentials-unavailable', 'retry'],
  ] as const)('never refreshes for %s: a new token cannot help', async (code, disposition) => {
    const tokens = new FakeTokenProvider();
    const { store, retrying } = wrapped(tokens);
    const error = new SyncError(code, disposition, 'no');
    store.failNext('putObject', error);
    await expect(retrying.putObject(put)).rejects.toBe(error);
    expect(store.calls.putObject).toBe(1);
    expect(tokens.forced).toEqual([]);
  });

  it('names the generation read before the request, so a token replaced meanwhile is kept', async () => {
    const tokens = new FakeTokenProvider();
    tokens.generation = 7;
    const { store, retrying } = wrapped(tokens);
    store.failNext('putObject', denied());
    // Another request's rejection replaced the token while this one was on its way.
    store.gate = () => {
      tokens.generation = 8;
      return Promise.resolve();
    };
    await retrying.putObject(put);
    expect(tokens.forced).toEqual([7]);
    expect(tokens.generation).toBe(8);
    expect(store.calls.putObject).toBe(2);
  });

  it('never fetches a token itself: the adapter does, once per request', async () => {
    const tokens = new FakeTokenProvider();
    const { store, retrying } = wrapped(tokens);
    store.failNext('putObject', denied());
    await retrying.putObject(put);
    await retrying.head({ bucket: BUCKET, key: put.key });
    expect(tokens.gets).toBe(0);
  });

  it("surfaces the refresh's own failure (the source is down) without a retry", async () => {
    const tokens = new FakeTokenProvider();
    const { store, retrying } = wrapped(tokens);
    const down = new SyncError('sts-unreachable', 'retry', 'Cannot reach STS.');
    tokens.failNextRefresh(down);
    store.failNext('putObject', denied());
    await expect(retrying.putObject(put)).rejects.toBe(down);
    expect(store.calls.putObject).toBe(1);
  });

  it('wraps every method of the port, and reports the inner store’s integrity', async () => {
    const tokens = new FakeTokenProvider();
    const store = new MemoryObjectStore({ integrity: 'crc64' });
    const retrying = new AuthRetryingStore(store, tokens);
    expect(retrying.integrity).toBe('crc64');
    const key = 'alice/big.bin';
    type Method = Exclude<ObjectStoreMethod, 'integrity'>;
    const calls: Record<Method, () => Promise<unknown>> = {
      putObject: () => retrying.putObject(put),
      createMultipart: () => retrying.createMultipart({ bucket: BUCKET, key }),
      uploadPart: async () => {
        const { uploadId } = await store.createMultipart({ bucket: BUCKET, key });
        return retrying.uploadPart({ ...put, key, uploadId, partNumber: 1 });
      },
      listParts: async () => {
        const { uploadId } = await store.createMultipart({ bucket: BUCKET, key });
        return retrying.listParts({ bucket: BUCKET, key, uploadId });
      },
      completeMultipart: async () => {
        const { uploadId } = await store.createMultipart({ bucket: BUCKET, key });
        const { etag } = await store.uploadPart({ ...put, key, uploadId, partNumber: 1 });
        return retrying.completeMultipart({
          bucket: BUCKET,
          key,
          uploadId,
          parts: [{ partNumber: 1, etag }],
        });
      },
      abortMultipart: async () => {
        const { uploadId } = await store.createMultipart({ bucket: BUCKET, key });
        return retrying.abortMultipart({ bucket: BUCKET, key, uploadId });
      },
      head: () => retrying.head({ bucket: BUCKET, key: put.key }),
      list: () => retrying.list({ bucket: BUCKET, prefix: 'alice/' }),
      delete: () => retrying.delete({ bucket: BUCKET, key: put.key }),
      listMultipartUploads: () => retrying.listMultipartUploads({ bucket: BUCKET, prefix: '' }),
    };
    for (const [method, call] of Object.entries(calls) as [Method, () => unknown][]) {
      const before = store.calls[method];
      store.failNext(method, denied());
      await call();
      expect({ method, calls: store.calls[method] - before }).toEqual({ method, calls: 2 });
    }
    expect(tokens.forced).toHaveLength(Object.keys(calls).length);
  });
});

/**
 * With the real broker over a fake STS, and a store that signs each request with one `get()`
 * and refuses revoked keys (as Ceph answers an expired token: a plain AccessDenied).
 */
function brokered(minForcedRefreshIntervalMs?: number) {
  const clock = new FakeClock();
  const sts = new FakeSts(clock);
  const broker = new CredentialBroker({
    label: 'ceph',
    source: sts.source,
    clock,
    ...(minForcedRefreshIntervalMs === undefined ? {} : { minForcedRefreshIntervalMs }),
  });
  const store = new MemoryObjectStore();
  const revoked = new Set<string>();
  let denyAll = false;
  const signedWith: string[] = [];
  store.gate = async () => {
    const token = await broker.get();
    signedWith.push(token.accessKeyId);
    if (denyAll || revoked.has(token.accessKeyId)) throw denied();
  };
  const retrying = new AuthRetryingStore(store, broker);
  return { sts, broker, store, revoked, signedWith, retrying, denyAll: () => (denyAll = true) };
}

describe('AuthRetryingStore with the CredentialBroker', () => {
  it('a revoked token is replaced once and the request succeeds with the new one', async () => {
    const { sts, broker, revoked, signedWith, retrying } = brokered();
    await broker.get();
    revoked.add('FAKEKEY000001');
    expect(await retrying.putObject(put)).toEqual({ etag: put.md5Hex });
    expect(signedWith).toEqual(['FAKEKEY000001', 'FAKEKEY000002']);
    expect(sts.calls).toBe(2);
  });

  it('the very first token, rejected, is replaced too (the request fetched it itself)', async () => {
    const { sts, revoked, signedWith, retrying } = brokered();
    revoked.add('FAKEKEY000001');
    await retrying.putObject(put);
    expect(signedWith).toEqual(['FAKEKEY000001', 'FAKEKEY000002']);
    expect(sts.calls).toBe(2);
  });

  it('a real denial costs two requests and one STS call, then surfaces', async () => {
    const { sts, store, retrying, denyAll } = brokered();
    denyAll();
    await expect(retrying.putObject(put)).rejects.toMatchObject({ code: 'access-denied' });
    expect(store.calls.putObject).toBe(2);
    expect(sts.calls).toBe(2);
  });

  it('does not refresh for errors that are not about credentials', async () => {
    const { sts, store, retrying } = brokered();
    const other = new SyncError('network', 'retry', 'PutObject: cannot reach the store.');
    store.failNext('putObject', other);
    await expect(retrying.putObject(put)).rejects.toBe(other);
    expect(sts.calls).toBe(1);
  });

  it('many requests rejected with one token cause a single refresh', async () => {
    // No rate limit: the generation alone must keep the stragglers from refreshing again.
    const { sts, broker, revoked, retrying } = brokered(0);
    await broker.get();
    revoked.add('FAKEKEY000001');
    const keys = Array.from({ length: 10 }, (_, i) => `alice/${i}.txt`);
    await Promise.all(keys.map((key) => retrying.putObject({ ...put, key })));
    expect(sts.calls).toBe(2);
  });
});

describeObjectStoreContract('AuthRetryingStore around MemoryObjectStore', () => {
  const store = new MemoryObjectStore({ pageSize: 2 });
  store.denyKeysMatching(/^bob\//, ['putObject', 'uploadPart', 'createMultipart']);
  return Promise.resolve({
    store: new AuthRetryingStore(store, new FakeTokenProvider()),
    bucket: BUCKET,
    prefix: 'alice/',
    deniedPrefix: 'bob/',
  });
});

describeTokenProviderContract('FakeTokenProvider', () => Promise.resolve(new FakeTokenProvider()));

describeTokenProviderContract('CredentialBroker over FakeSts', () => {
  const clock = new FakeClock();
  return Promise.resolve(
    new CredentialBroker({ label: 'ceph', source: new FakeSts(clock).source, clock }),
  );
});
