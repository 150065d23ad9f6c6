import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { vendorTarget } from '../../../app/credentials/secret-target.js';
import { sessionPolicyText } from '../../../app/credentials/session-policy.js';
import { createVendorSource } from '../../../main/adapters/sts/vendor-source.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import {
  startVendorTokenServer,
  type VendorTokenServer,
} from '../../services/vendor-token-server.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { rejection } from '../../support/rejection.js';
import { adminS3, brokeredS3, outcome, put, read, uniquePrefix } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

const BEARER = 'device-token-0123456789abcdef';
let server: VendorTokenServer;
const prefix = uniquePrefix('vendor');

beforeAll(async () => {
  const info = rgw();
  server = await startVendorTokenServer({
    bearerToken: BEARER,
    stsEndpoint: info.endpoint,
    accessKeyId: info.user.accessKeyId,
    secretAccessKey: info.user.secretAccessKey,
    roleArn: info.roleArn,
    durationSeconds: 900,
    slowMs: 3_000,
  });
});
afterAll(() => server.close());

function vendorSource(path: string, options: { bearer?: string | null; timeoutMs?: number } = {}) {
  const secrets = new MemorySecretStore();
  // Stored for this URL, as `ferry secret set` or the app would (an unbound one is refused).
  if (options.bearer !== null) {
    void secrets.set('corp', options.bearer ?? BEARER, vendorTarget(`${server.url}${path}`));
  }
  return createVendorSource({
    profileId: 'corp',
    url: `${server.url}${path}`,
    timeoutMs: options.timeoutMs ?? 10_000,
    policy: sessionPolicyText([{ bucket: rgw().bucket, prefix, mode: 'upload', list: false }]),
    secrets,
    clock: systemClock,
  });
}

describe('vendor source against a token backend that calls RGW STS', () => {
  it.each(['/aws', '/alibaba'])(
    'credentials in the %s shape sign real uploads, narrowed by the policy Ferry sent',
    async (path) => {
      const info = rgw();
      const { s3 } = brokeredS3(vendorSource(path), 'corp');
      const key = `${prefix}${path.slice(1)}.txt`;
      expect(await outcome(put(s3, info.bucket, key, path))).toBe('allowed');
      expect(await outcome(put(s3, info.bucket, 'bob/intrusion.txt'))).toBe(
        'denied 403 AccessDenied',
      );
      expect(await read(adminS3(), info.bucket, key)).toBe(path);
      expect(server.policies.at(-1)).toContain(`sync-bucket/${prefix}*`);
    },
  );

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    [
      'garbage (an HTML page)',
      '/garbage',
      { code: 'vendor-bad-response', disposition: 'retry' },
      /bytes of text\/html that are not JSON/,
    ],
    [
      'a partial answer',
      '/partial',
      { code: 'vendor-bad-response' },
      /Credentials\.SessionToken is missing/,
    ],
    ['expired credentials', '/expired', { code: 'vendor-expired-credentials' }, /expired at/],
    [
      'a server error',
      '/fail',
      { code: 'vendor-http-error', disposition: 'retry' },
      /answered HTTP 503/,
    ],
    ['an oversized answer', '/huge', { code: 'vendor-bad-response' }, /over 65536 bytes/],
    [
      'an unknown path',
      '/nope',
      { code: 'vendor-http-error', disposition: 'fatal' },
      /answered HTTP 404/,
    ],
  ])('rejects %s with a clear error', async (_name, path, fields, message) => {
    const error = await rejection(vendorSource(path)());
    expect(error).toMatchObject(fields);
    expect(error.message).toMatch(message);
  });

  it('gives up on a slow backend after the timeout', async () => {
    const started = Date.now();
    const error = await rejection(vendorSource('/slow', { timeoutMs: 500 })());
    expect(error).toMatchObject({ code: 'vendor-unreachable', disposition: 'retry' });
    expect(error.message).toMatch(/did not answer within 1 s|did not answer within 0 s/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('reports a refused device token as fatal, with how to replace it', async () => {
    const error = await rejection(vendorSource('/aws', { bearer: 'revoked-token-000000' })());
    expect(error).toMatchObject({
      code: 'vendor-unauthorized',
      disposition: 'fatal',
      hint: expect.stringContaining('ferry secret set corp'),
    });
  });

  it('says when no device token is stored', async () => {
    await expect(vendorSource('/aws', { bearer: null })()).rejects.toMatchObject({
      code: 'secret-missing',
    });
  });

  it('reports an unreachable backend as retryable', async () => {
    const secrets = new MemorySecretStore();
    const port = await closedPort();
    await secrets.set('corp', BEARER, vendorTarget(`http://127.0.0.1:${port}/sts`));
    const source = createVendorSource({
      profileId: 'corp',
      url: `http://127.0.0.1:${port}/sts`,
      timeoutMs: 2_000,
      policy: undefined,
      secrets,
      clock: systemClock,
    });
    const error = await rejection(source());
    expect(error).toMatchObject({ code: 'vendor-unreachable', disposition: 'retry' });
    expect(error.message).toBe(
      `Cannot reach the token backend http://127.0.0.1:${port}/sts (ECONNREFUSED).`,
    );
  });

  it('a broker over the vendor source calls the backend once for many concurrent uploads', async () => {
    const info = rgw();
    const before = server.calls.get('/alibaba') ?? 0;
    const { s3 } = brokeredS3(vendorSource('/alibaba'), 'corp');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => outcome(put(s3, info.bucket, `${prefix}burst-${i}`))),
    );
    expect(results.every((r) => r === 'allowed')).toBe(true);
    expect((server.calls.get('/alibaba') ?? 0) - before).toBe(1);
  });
});

/** A loopback port that nothing listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}
