import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';

import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';

/**
 * The OSS test server's custom-domain hosts, its scripted throttling and clock-skew faults, and
 * RAM resources in Alibaba's documented form, driven by ali-oss and raw HTTP.
 */

const CUSTOM_DOMAIN = 'files.ferry-test.example';

let server: OssTestServer;

beforeAll(async () => {
  server = await startOssTestServer({ customDomains: [CUSTOM_DOMAIN] });
});
afterAll(async () => {
  await server?.close();
});

/** Resolves every host name to 127.0.0.1, so a custom domain reaches the local server. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

async function assumeRole(target: OssTestServer = server): Promise<OSS.Credentials> {
  const sts = new OSS.STS({
    accessKeyId: target.ramUser.accessKeyId,
    accessKeySecret: target.ramUser.accessKeySecret,
    endpoint: target.stsEndpoint,
  } as OSS.STSOptions);
  const { credentials } = await sts.assumeRole(target.roleArn, undefined, 900, 'hosts-test');
  return credentials;
}

function client(credentials: OSS.Credentials, extra: Record<string, unknown> = {}): OSS {
  return new OSS({
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    stsToken: credentials.SecurityToken,
    bucket: server.bucket,
    endpoint: server.endpoint,
    refreshSTSTokenInterval: 60 * 60 * 1000,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, code } = error as { status?: number; code?: string };
    return { status: status ?? -1, code: code ?? 'none' };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('custom domains (CNAME)', () => {
  it.each([
    ['V1', {}],
    ['V4', { authorizationV4: true, region: 'cn-hangzhou' }],
  ])(
    'ali-oss with cname: true reaches the bucket through its custom domain (%s)',
    async (_, sign) => {
      const port = new URL(server.endpoint).port;
      const oss = client(await assumeRole(), {
        ...sign,
        cname: true,
        endpoint: `http://${CUSTOM_DOMAIN}:${port}`,
        agent: new Agent({ lookup: toLoopback }),
      });
      const key = `cname/${String(_)}.txt`;
      await oss.put(key, Buffer.from('via custom domain'));
      expect(String((await oss.get(key)).content as Buffer)).toBe('via custom domain');
      expect(server.inspect.keys()).toContain(key);
      const statuses = server.requests.filter((r) => r.key === key).map((r) => r.status);
      expect(statuses).toEqual([200, 200]);
    },
  );

  it('a host that is not a configured custom domain does not reach the bucket', async () => {
    const port = new URL(server.endpoint).port;
    const oss = client(await assumeRole(), {
      cname: true,
      endpoint: `http://unknown.ferry-test.example:${port}`,
      agent: new Agent({ lookup: toLoopback }),
    });
    expect(await failure(oss.put('cname/x.txt', Buffer.from('x')))).toEqual({
      status: 404,
      code: 'NoSuchBucket',
    });
  });
});

describe('throttling and clock-skew faults', () => {
  it('throttleNext answers an OSS operation 503 SlowDown once, then serves', async () => {
    const oss = client(await assumeRole());
    server.faults.throttleNext('PutObject');
    expect(await failure(oss.put('faults/a.txt', Buffer.from('a')))).toEqual({
      status: 503,
      code: 'SlowDown',
    });
    await oss.put('faults/a.txt', Buffer.from('a'));
  });

  it('skewNext answers an OSS operation 403 RequestTimeTooSkewed with RequestTime/ServerTime', async () => {
    server.faults.skewNext('HeadObject', { offsetSeconds: 1800 });
    const head = await fetch(`${server.endpoint}/${server.bucket}/faults/a.txt`, {
      method: 'HEAD',
    });
    expect(head.status).toBe(403);
    const xml = Buffer.from(head.headers.get('x-oss-err') ?? '', 'base64').toString('utf8');
    expect(xml).toContain('<Code>RequestTimeTooSkewed</Code>');
    expect(xml).toMatch(/<RequestTime>.+<\/RequestTime>/);
    expect(xml).toMatch(/<ServerTime>.+<\/ServerTime>/);
  });

  it.each(['Throttling', 'Throttling.User', 'Throttling.Api'] as const)(
    'throttleNext answers AssumeRole HTTP 400 %s with STS JSON error body',
    async (code) => {
      server.faults.throttleNext('AssumeRole', { code });
      const answer = await fetch(server.stsEndpoint, { method: 'POST' });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as Record<string, string>;
      expect(body).toMatchObject({ Code: code, HostId: 'sts.aliyuncs.com' });
      expect(body['Message']).toMatch(/^Request was denied due to/);
      expect(body['RequestId']).toMatch(/^[0-9A-Z-]{36}$/);
      // The next call is served.
      expect((await assumeRole()).AccessKeyId).toMatch(/^STS\./);
    },
  );

  it('skewNext answers AssumeRole 400 InvalidTimeStamp.Expired; ali-oss surfaces the code', async () => {
    server.faults.skewNext('AssumeRole');
    const error = await assumeRole().then(
      () => undefined,
      (caught: unknown) => caught as { status?: number; code?: string; message?: string },
    );
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error)).toContain('InvalidTimeStamp.Expired');
  });
});

describe('RAM resources in the documented form', () => {
  it('a role policy on acs:oss:*:*:bucket/prefix* allows that prefix and nothing else', async () => {
    const narrow = await startOssTestServer({
      rolePolicy: {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['oss:PutObject', 'oss:GetObject'],
            Resource: ['acs:oss:*:*:ferry-oss-test/allowed/*'],
          },
        ],
      },
    });
    try {
      const credentials = await assumeRole(narrow);
      const oss = new OSS({
        accessKeyId: credentials.AccessKeyId,
        accessKeySecret: credentials.AccessKeySecret,
        stsToken: credentials.SecurityToken,
        bucket: narrow.bucket,
        endpoint: narrow.endpoint,
        refreshSTSTokenInterval: 60 * 60 * 1000,
      });
      await oss.put('allowed/x.txt', Buffer.from('x'));
      expect(await failure(oss.put('denied/x.txt', Buffer.from('x')))).toEqual({
        status: 403,
        code: 'AccessDenied',
      });
    } finally {
      await narrow.close();
    }
  });
});
