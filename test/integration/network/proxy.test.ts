import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { proxiedFetch, proxySettings } from '../../../main/adapters/network/proxy-agents.js';
import { startForwardProxy, type ForwardProxy } from '../../services/forward-proxy.js';
import { buildOnce } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, md5, remoteTree, workspace } from '../sync/ferry-process.js';

let proxy: ForwardProxy;
beforeAll(async () => {
  await buildOnce();
  proxy = await startForwardProxy();
}, 120_000);
afterAll(() => proxy.close());

describe('through a forward proxy', () => {
  it('ferry sync sends STS and S3 traffic through HTTP_PROXY', async () => {
    const ws = await workspace('proxied');
    await writeFile(join(ws.data, 'a.txt'), 'via the proxy');
    proxy.seen.length = 0;
    const result = await ferry(['sync', '--config', ws.config, '--once'], {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const host = new URL(rgw().endpoint).host;
    expect(proxy.seen).toContain(`POST ${host}`); // STS AssumeRole
    expect(proxy.seen).toContain(`PUT ${host}`); // the upload
    expect(await remoteTree(ws.prefix)).toEqual(new Map([['a.txt', md5('via the proxy')]]));
  });

  it('NO_PROXY exempts the endpoint: nothing goes through the proxy', async () => {
    const ws = await workspace('noproxy');
    await writeFile(join(ws.data, 'a.txt'), 'direct');
    proxy.seen.length = 0;
    const result = await ferry(['sync', '--config', ws.config, '--once'], {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
    });
    expect(result.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });

  it('the proxy from the config is used even without environment variables', async () => {
    const ws = await workspace('cfgproxy');
    const config = JSON.parse(await readFile(ws.config, 'utf8')) as Record<string, unknown>;
    config['proxy'] = proxy.url;
    await writeFile(ws.config, JSON.stringify(config));
    await writeFile(join(ws.data, 'a.txt'), 'configured proxy');
    proxy.seen.length = 0;
    const result = await ferry(['sync', '--config', ws.config, '--once'], {
      HTTP_PROXY: '',
      NO_PROXY: '',
    });
    expect(result.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(0);
  });

  it('an unreachable proxy is a clear exit 2, not a hang', async () => {
    const ws = await workspace('deadproxy');
    await writeFile(join(ws.data, 'a.txt'), 'x');
    const result = await ferry(['sync', '--config', ws.config, '--once'], {
      HTTP_PROXY: 'http://127.0.0.1:1',
      NO_PROXY: '',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot reach STS/);
  });

  it('the vendor source’s fetch goes through the proxy too', async () => {
    proxy.seen.length = 0;
    const doFetch = proxiedFetch(proxySettings(undefined, { HTTP_PROXY: proxy.url }));
    const answer = await doFetch(`${rgw().endpoint}/`, { method: 'GET' });
    expect(answer.status).toBe(200);
    // undici tunnels even plain-HTTP targets with CONNECT; either way the proxy carried it.
    expect(proxy.seen).toEqual([
      expect.stringMatching(new RegExp(`^(GET|CONNECT) ${new URL(rgw().endpoint).host}$`)),
    ]);
  });
});
