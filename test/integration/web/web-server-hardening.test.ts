import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startWebServer, type RunningWebServer } from '../../../main/web/web-server.js';
import { FakeWebHost } from './fake-web-host.js';
import { httpCall, openUpload, rawRequest, statusOf } from './raw-http.js';

const TOKEN = 'hardening-token-0123456789abcdefghijklmno';
const LIMITS = { maxUploadBytes: 1_000, maxStagingBytes: 2_500, maxConcurrentUploads: 2 };

/** `ferry serve` against hostile or careless clients: nothing they send may stop the process,
 *  fill the disk, or leave the token in the page's URL. */
describe('ferry serve: bad requests, upload limits and the token cookie', () => {
  let host: FakeWebHost;
  let server: RunningWebServer;
  let staging: string;
  let origin: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    const renderer = await mkdtemp(join(tmpdir(), 'ferry-renderer-'));
    await writeFile(
      join(renderer, 'index.html'),
      '<!doctype html><html><head><title>Ferry</title></head><body></body></html>',
    );
    staging = join(await mkdtemp(join(tmpdir(), 'ferry-staging-')), 'staging');
    host = new FakeWebHost();
    server = await startWebServer({
      host,
      port: 0,
      rendererDir: renderer,
      stagingDir: staging,
      token: TOKEN,
      limits: LIMITS,
    });
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.destroy();
    host.finishAll();
    host.pausedReason = null;
  });

  afterAll(async () => {
    await server?.close();
  });

  const alive = async () => expect((await httpCall(server.port, '/')).status).toBe(200);

  it('answers a WebSocket upgrade with an unparsable Host with 403 and keeps running', async () => {
    for (const hostHeader of ['a b', '[', 'a/b?c', '', 'evil.example:1']) {
      const answer = await rawRequest(
        server.port,
        `GET /bridge?token=${TOKEN} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      expect(statusOf(answer), `Host: ${hostHeader}`).toBe(403);
    }
    await alive();
  });

  it('answers plain requests with odd Host values, paths and methods without crashing', async () => {
    const cases: [string, number][] = [
      [`GET / HTTP/1.1\r\nHost: a b\r\n\r\n`, 403],
      [`GET / HTTP/1.0\r\n\r\n`, 403],
      [`GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`, 400],
      [`GET //evil.example/x HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`, 404],
      [
        `PUT /upload?folderId=%ZZ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 0\r\n\r\n`,
        403,
      ],
      [`DELETE / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`, 405],
    ];
    for (const [text, status] of cases) {
      expect(statusOf(await rawRequest(server.port, text)), JSON.stringify(text)).toBe(status);
    }
    await alive();
  });

  it('moves the token from the URL into an HttpOnly SameSite=Strict cookie for this port', async () => {
    const first = await httpCall(server.port, `/?token=${TOKEN}&lang=en`);
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/?lang=en');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^ferry_token_${server.port}=${TOKEN};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    const cookie = `ferry_token_${server.port}=${TOKEN}`;

    // The page knows it has a session (the cookie itself is invisible to scripts).
    const page = await httpCall(server.port, '/?lang=en', { headers: { cookie } });
    expect(page.body).toContain('<meta name="ferry-session" content="cookie">');
    expect(page.body).not.toContain(TOKEN);
    const anonymous = await httpCall(server.port, '/');
    expect(anonymous.body).not.toContain('ferry-session');

    // A wrong token sets nothing.
    const wrong = await httpCall(server.port, `/?token=${TOKEN}x`);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).not.toContain('ferry-session');

    // The bridge and uploads accept the cookie alone.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, {
      origin,
      headers: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    ws.close();
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, {
      origin,
      headers: { cookie: `ferry_token_${server.port}=${TOKEN}x` },
    });
    await expect(
      new Promise((resolve, reject) => {
        refused.on('open', resolve);
        refused.on('unexpected-response', (_req, res) =>
          reject(new Error(`HTTP ${res.statusCode}`)),
        );
      }),
    ).rejects.toThrow('HTTP 403');
    const upload = await httpCall(server.port, '/upload?folderId=data&path=a.txt', {
      method: 'PUT',
      headers: { origin, cookie },
      body: 'hello',
    });
    expect(upload.status).toBe(200);
  });

  it('refuses an upload larger than the per-upload limit before staging a byte', async () => {
    const stagedBefore = await stagedFiles();
    const answer = await rawRequest(
      server.port,
      `PUT /upload?token=${TOKEN}&folderId=data&path=big.bin HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Origin: ${origin}\r\nContent-Length: ${LIMITS.maxUploadBytes + 1}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(413);
    expect(answer).toContain('1000');
    expect(await newlyStaged(stagedBefore)).toEqual([]);
  });

  it('refuses a body without Content-Length (it could be endless)', async () => {
    const answer = await rawRequest(
      server.port,
      `PUT /upload?token=${TOKEN}&folderId=data&path=c.bin HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Origin: ${origin}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`,
    );
    expect(statusOf(answer)).toBe(411);
  });

  it('caps concurrent uploads and the bytes staged at once', async () => {
    const path = (name: string) => `/upload?token=${TOKEN}&folderId=data&path=${name}`;
    open.push(await openUpload(server.port, path('one.bin'), { origin }, 900));
    open.push(await openUpload(server.port, path('two.bin'), { origin }, 900));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await httpCall(server.port, path('three.bin'), {
      method: 'PUT',
      headers: { origin },
      body: 'x',
    });
    expect(third.status).toBe(429);
    for (const socket of open.splice(0)) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Two finished uploads stay staged until the engine uploads them: 1,800 of 2,500 bytes.
    for (const name of ['four.bin', 'five.bin']) {
      const done = await httpCall(server.port, path(name), {
        method: 'PUT',
        headers: { origin },
        body: Buffer.alloc(900),
      });
      expect(done.status).toBe(200);
    }
    const over = await httpCall(server.port, path('six.bin'), {
      method: 'PUT',
      headers: { origin },
      body: Buffer.alloc(900),
    });
    expect(over.status).toBe(507);
    host.finishAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await httpCall(server.port, path('six.bin'), {
      method: 'PUT',
      headers: { origin },
      body: Buffer.alloc(900),
    });
    expect(after.status).toBe(200);
  });

  it('refuses uploads into a paused folder with 409 and the reason', async () => {
    host.pausedReason = 'Paused by the user.';
    // Earlier tests may leave accepted uploads staged while the fake engine finishes them.
    const stagedBefore = await stagedFiles();
    const answer = await httpCall(server.port, `/upload?token=${TOKEN}&folderId=data&path=p.txt`, {
      method: 'PUT',
      headers: { origin },
      body: 'while paused',
    });
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Paused by the user.') },
    });
    expect(await newlyStaged(stagedBefore)).toEqual([]);
  });

  /** Staged files that were not there before (earlier uploads may finish meanwhile). */
  async function newlyStaged(before: string[]): Promise<string[]> {
    return (await stagedFiles()).filter((name) => !before.includes(name));
  }

  async function stagedFiles(): Promise<string[]> {
    return readdir(staging).catch(() => []);
  }
});
