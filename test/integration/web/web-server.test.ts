import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { startWebServer, type RunningWebServer } from '../../../main/web/web-server.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { rgw } from '../setup/rgw-info.js';
import { md5, remoteTree, waitUntil, workspace, type Workspace } from '../sync/ferry-process.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstu';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

function httpCall(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens the bridge; resolves with a call function, or rejects with the HTTP status. */
function openBridge(port: number, token: string, origin: string) {
  return new Promise<{ call: (channel: string, args: unknown) => Promise<Reply>; ws: WebSocket }>(
    (resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`, { origin });
      let nextId = 1;
      const waiting = new Map<number, (reply: Reply) => void>();
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as Reply & { push?: string };
        if (message.push === undefined) waiting.get(message.id)?.(message);
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.on('open', () =>
        resolve({
          ws,
          call: (channel, args) =>
            new Promise<Reply>((done) => {
              const id = nextId++;
              waiting.set(id, done);
              ws.send(JSON.stringify({ id, channel, args }));
            }),
        }),
      );
    },
  );
}

describe('ferry serve: the web server and bridge against the real RGW', () => {
  let space: Workspace;
  let host: FerryUiHost;
  let server: RunningWebServer;
  let origin: string;
  let staging: string;

  beforeAll(async () => {
    process.env['FERRY_SECRET_CEPH'] = rgw().user.secretAccessKey;
    space = await workspace('serve');
    await writeFile(join(space.data, 'present.txt'), 'already here');
    const renderer = await mkdtemp(join(tmpdir(), 'ferry-renderer-'));
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Ferry</title>');
    staging = join(space.dir, 'staging');
    host = await startFerryUiHost({
      configPath: space.config,
      secrets: new EnvOverlaySecretStore(new KeytarSecretStore()),
      host: 'web',
      logWrite: () => {},
    });
    server = await startWebServer({
      host,
      port: 0,
      rendererDir: renderer,
      stagingDir: staging,
      token: TOKEN,
    });
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.close();
    await host?.stop();
  });

  it('serves the page on 127.0.0.1 only, with a strict CSP and no referrer', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    const page = await httpCall(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Another interface of this machine (if it has one): nothing listens there.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const attempt = new Promise<string>((resolve) => {
        const socket = connect(server.port, external.address);
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(await attempt).toBe('ECONNREFUSED');
    }
  });

  it('refuses a request whose Host is not this server (DNS rebinding)', async () => {
    const response = await httpCall(server.port, '/', { headers: { host: 'evil.example:80' } });
    expect(response.status).toBe(403);
  });

  it('refuses the bridge without the token, with a wrong token, or from another origin', async () => {
    await expect(openBridge(server.port, '', origin)).rejects.toThrow('HTTP 403');
    await expect(openBridge(server.port, `${TOKEN}x`, origin)).rejects.toThrow('HTTP 403');
    await expect(openBridge(server.port, TOKEN, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(
      openBridge(server.port, TOKEN, `http://127.0.0.1:${server.port + 1}`),
    ).rejects.toThrow('HTTP 403');
  });

  it('answers requests with the token and refuses malformed ones without dropping the connection', async () => {
    const { call, ws } = await openBridge(server.port, TOKEN, origin);
    try {
      await waitUntil(
        async () => {
          const reply = await call('app:get-snapshot', {});
          const snapshot = reply.result as { profiles: { status: { expiresAt: number | null } }[] };
          return snapshot.profiles[0]?.status.expiresAt !== null;
        },
        20_000,
        'the first token',
      );
      const snapshot = (await call('app:get-snapshot', {})).result as {
        host: string;
        folders: { id: string; bucket: string }[];
        profiles: { id: string; status: { expiresAt: number } }[];
      };
      expect(snapshot.host).toBe('web');
      expect(snapshot.folders.map((f) => f.id)).toEqual(['data']);
      expect(snapshot.profiles[0]?.status.expiresAt).toBeGreaterThan(Date.now());
      // No secret anywhere in what the browser receives.
      expect(JSON.stringify(snapshot)).not.toContain(rgw().user.secretAccessKey);

      const bad = await call('folders:pause', { folderId: 42 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(bad.error?.message).toContain('folderId');
      const unknown = await call('shell:run', {});
      expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const desktopOnly = await call('uploads:add-paths', {
        folderId: 'data',
        paths: ['/etc/passwd'],
      });
      expect(desktopOnly).toMatchObject({ ok: false, error: { code: 'unsupported' } });

      ws.send('not json');
      const still = await call('transfers:list', {});
      expect(still.ok).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('uploads a file dropped in the browser below the folder prefix and deletes the staged copy', async () => {
    const unauthorised = await httpCall(server.port, '/upload?folderId=data&path=x.txt', {
      method: 'PUT',
      body: 'nope',
    });
    expect(unauthorised.status).toBe(403);
    const escape = await httpCall(
      server.port,
      `/upload?token=${TOKEN}&folderId=data&path=../x.txt`,
      {
        method: 'PUT',
        headers: { origin },
        body: 'nope',
      },
    );
    expect(escape.status).toBe(400);
    expect(JSON.parse(escape.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const content = 'dropped in a browser ✓';
    const response = await httpCall(
      server.port,
      `/upload?token=${TOKEN}&folderId=data&path=${encodeURIComponent('inbox/dropped é.txt')}`,
      {
        method: 'PUT',
        headers: { origin, 'content-length': String(Buffer.byteLength(content)) },
        body: content,
      },
    );
    expect(JSON.parse(response.body)).toEqual({ ok: true, result: { queued: 1, skipped: [] } });
    await waitUntil(
      async () => (await remoteTree(space.prefix)).get('inbox/dropped é.txt') === md5(content),
      20_000,
      'the dropped file in the bucket',
    );
    await waitUntil(
      async () => !existsSync(staging) || (await readdir(staging)).length === 0,
      5_000,
      'the staged copy to go',
    );
    // The drop shows in the transfer list as a drop, and is not a file of the folder.
    const transfers = host.handlers['transfers:list']({});
    const dropped = (await transfers).find((t) => t.relativePath === 'inbox/dropped é.txt');
    expect(dropped).toMatchObject({ origin: 'drop', state: 'done' });
  });

  it('refuses drops into a folder the user paused, and takes them again after resume', async () => {
    const put = () =>
      httpCall(server.port, `/upload?token=${TOKEN}&folderId=data&path=paused.txt`, {
        method: 'PUT',
        headers: { origin, 'content-length': '6' },
        body: 'paused',
      });
    await host.handlers['folders:pause']({ folderId: 'data' });
    try {
      const refused = await put();
      expect(refused.status).toBe(409);
      // Its own code and params: the page words the refusal in its language (issue 13).
      expect(JSON.parse(refused.body)).toMatchObject({
        ok: false,
        error: { code: 'folder-paused', params: { folder: 'data' } },
      });
    } finally {
      await host.handlers['folders:resume']({ folderId: 'data' });
    }
    expect((await put()).status).toBe(200);
  });
});
