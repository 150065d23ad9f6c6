import { createServer } from 'node:net';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { createAliyunStsSource } from '../../../main/adapters/sts/aliyun-sts-source.js';
import { proxySettings, sdkAgents } from '../../../main/adapters/network/proxy-agents.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import { OssObjectStore } from '../../../main/adapters/oss/oss-object-store.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { startForwardProxy, type ForwardProxy } from '../../services/forward-proxy.js';
import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';
import { buildOnce } from '../../support/build-once.js';
import { rejection } from '../../support/rejection.js';
import { ferry, md5 } from '../sync/ferry-process.js';

/**
 * Issue 10: the `aliyun-sts` source and the OSS client honour `proxy` / HTTP(S)_PROXY / NO_PROXY
 * like the S3 and STS paths (test/integration/network/proxy.test.ts), proven with a real forward
 * proxy. The bucket is reached through a custom domain named `localhost`: the proxy resolves the
 * Host header it is given, and ali-oss's IP-endpoint form would name `<bucket>.oss-….aliyuncs.com`.
 */

let server: OssTestServer;
let proxy: ForwardProxy;
beforeAll(async () => {
  await buildOnce();
  server = await startOssTestServer({ v1Refused: true, customDomains: ['localhost'] });
  proxy = await startForwardProxy();
}, 120_000);
afterAll(async () => {
  await server?.close();
  await proxy?.close();
});

const ossPort = () => new URL(server.endpoint).port;
const stsHost = () => new URL(server.stsEndpoint).host;

function secrets(): MemorySecretStore {
  const store = new MemorySecretStore();
  store.secrets.set('oss', server.ramUser.accessKeySecret);
  return store;
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('OSS and Alibaba STS through a forward proxy', () => {
  it('the aliyun-sts source and the OSS store send every request through HTTP_PROXY', async () => {
    const settings = proxySettings(undefined, { HTTP_PROXY: proxy.url, NO_PROXY: '' });
    const source = createAliyunStsSource({
      profileId: 'oss',
      endpoint: server.stsEndpoint,
      accessKeyId: server.ramUser.accessKeyId,
      roleArn: server.roleArn,
      roleSessionName: 'ferry-proxy',
      durationSeconds: 900,
      policy: undefined,
      secrets: secrets(),
      clock: systemClock,
      agents: sdkAgents(server.stsEndpoint, settings, 2),
    });
    const endpoint = `http://localhost:${ossPort()}`;
    const agents = sdkAgents(endpoint, settings, 2);
    const store = new OssObjectStore({
      region: server.region,
      endpoint,
      customDomain: true,
      tokens: new CredentialBroker({ label: 'oss', source, clock: systemClock }),
      ...(agents.httpAgent ? { agent: agents.httpAgent } : {}),
    });
    proxy.seen.length = 0;
    const body = new TextEncoder().encode('through the proxy');
    await store.putObject({
      bucket: server.bucket,
      key: 'proxied/a.txt',
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    expect(proxy.seen).toEqual([`POST ${stsHost()}`, `PUT localhost:${ossPort()}`]);
    expect((await server.inspect.read('proxied/a.txt'))?.toString()).toBe('through the proxy');
  });

  it('an https STS endpoint is tunnelled through the proxy (CONNECT), not reached directly', async () => {
    const port = await closedPort();
    const endpoint = `https://127.0.0.1:${port}`;
    const settings = proxySettings(undefined, { HTTPS_PROXY: proxy.url, NO_PROXY: '' });
    const source = createAliyunStsSource({
      profileId: 'oss',
      endpoint,
      accessKeyId: server.ramUser.accessKeyId,
      roleArn: server.roleArn,
      roleSessionName: 'ferry-proxy',
      durationSeconds: 900,
      policy: undefined,
      secrets: secrets(),
      clock: systemClock,
      timeoutMs: 5_000,
      agents: sdkAgents(endpoint, settings, 2),
    });
    proxy.seen.length = 0;
    expect(await rejection(source())).toMatchObject({ code: 'sts-unreachable' });
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
  });

  it('ferry sync sends STS and OSS traffic through HTTP_PROXY; NO_PROXY exempts them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-oss-proxy-'));
    const data = join(dir, 'data');
    await mkdir(data, { recursive: true });
    const config = join(dir, 'ferry.json');
    const workspace = async (prefix: string) =>
      writeFile(
        config,
        JSON.stringify({
          profiles: [
            {
              id: 'oss',
              provider: 'oss',
              endpoint: `http://localhost:${ossPort()}`,
              customDomain: true,
              region: server.standardRegion,
              credentials: {
                source: 'aliyun-sts',
                accessKeyId: server.ramUser.accessKeyId,
                roleArn: server.roleArn,
                stsEndpoint: server.stsEndpoint,
                durationSeconds: 900,
              },
            },
          ],
          folders: [{ id: 'data', path: data, profile: 'oss', bucket: server.bucket, prefix }],
          stateDir: join(dir, `state-${prefix.replace('/', '')}`),
        }),
      );
    await writeFile(join(data, 'a.txt'), 'via the proxy');
    const env = { FERRY_SECRET_OSS: server.ramUser.accessKeySecret };

    await workspace('cli-proxied/');
    proxy.seen.length = 0;
    const proxied = await ferry(['sync', '--config', config, '--once'], {
      ...env,
      HTTP_PROXY: proxy.url,
      NO_PROXY: '',
    });
    expect(proxied.stderr).toBe('');
    expect(proxied.code).toBe(0);
    expect(proxy.seen).toContain(`POST ${stsHost()}`); // AssumeRole
    expect(proxy.seen).toContain(`PUT localhost:${ossPort()}`); // the upload
    expect(md5((await server.inspect.read('cli-proxied/a.txt')) ?? '')).toBe(md5('via the proxy'));

    await workspace('cli-direct/');
    proxy.seen.length = 0;
    const direct = await ferry(['sync', '--config', config, '--once'], {
      ...env,
      HTTP_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.1',
    });
    expect(direct.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });
});
