import { createServer, type Server, type Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { ObjectStore } from '../../../app/ports/object-store.js';
import { withRetries } from '../../../app/retry/with-retries.js';
import { nodeDigest } from '../../../main/adapters/digest/node-digest.js';
import type { StallTimeouts } from '../../../main/adapters/network/stall-timeouts.js';
import { proxySettings, sdkAgents } from '../../../main/adapters/network/proxy-agents.js';
import { OssObjectStore } from '../../../main/adapters/oss/oss-object-store.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { S3ObjectStore } from '../../../main/adapters/s3/s3-object-store.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { startForwardProxy } from '../../services/forward-proxy.js';
import { rejection } from '../../support/rejection.js';

/**
 * A loopback HTTP server that, while `stalling`, accepts every request and its body and then
 * never answers (the connection stays open: no reset, no FIN, no byte); otherwise it answers
 * 200 with an ETag. What a store behind a broken middlebox looks like.
 */
async function stallingServer() {
  const state = { stalling: true, trickleMs: 0, requests: 0, answered: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffered.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.byteLength < headEnd + 4 + length) return;
      buffered = buffered.subarray(headEnd + 4 + length);
      state.requests += 1;
      if (state.stalling) return; // read, and never answer
      state.answered += 1;
      const answer = '<Ok>slow</Ok>'; // any body: PutObject's is read and dropped
      socket.write(
        'HTTP/1.1 200 OK\r\nETag: "0123456789abcdef0123456789abcdef"\r\n' +
          `x-oss-request-id: test\r\nContent-Length: ${state.trickleMs ? answer.length : 0}\r\n\r\n`,
      );
      if (state.trickleMs) trickle(socket, answer, state.trickleMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    state,
    endpoint: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `text` one byte per `everyMs`: slow, but never idle for long. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= text.length) return clearInterval(timer);
    socket.write(text.charAt(sent));
    sent += 1;
  }, everyMs);
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const SHORT: StallTimeouts = { connectMs: 1_000, idleMs: 1_500 };

function broker() {
  return new CredentialBroker({
    label: 'stall',
    clock: systemClock,
    source: () =>
      Promise.resolve({
        accessKeyId: 'AKIDSTALLTEST',
        secretAccessKey: 'not-a-real-secret',
        sessionToken: 'not-a-real-token',
        expiration: new Date(Date.now() + 3_600_000),
      }),
  });
}

function s3Store(
  endpoint: string,
  stallTimeouts: StallTimeouts,
  agents: ReturnType<typeof sdkAgents> = {},
): ObjectStore {
  const b = broker();
  const client = createS3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: () => b.get(),
    stallTimeouts,
    agents,
  });
  return new S3ObjectStore({ client });
}

/** The same through a forward proxy and Ferry's proxy agents: the limits hold there too. */
async function s3ViaProxy(endpoint: string, stallTimeouts: StallTimeouts): Promise<ObjectStore> {
  const proxy = await startForwardProxy();
  closers.push(async () => {
    expect(proxy.seen.filter((line) => line.startsWith('PUT ')).length).toBeGreaterThan(0);
    await proxy.close();
  });
  const settings = proxySettings(undefined, { HTTP_PROXY: proxy.url, NO_PROXY: '' });
  return s3Store(endpoint, stallTimeouts, sdkAgents(endpoint, settings, 2));
}

function ossStore(endpoint: string, stallTimeouts: StallTimeouts): ObjectStore {
  return new OssObjectStore({
    region: 'cn-hangzhou',
    endpoint,
    customDomain: false,
    tokens: broker(),
    stallTimeouts,
  });
}

const body = new TextEncoder().encode('a body the server reads and never answers');
const put = (store: ObjectStore) => () =>
  store.putObject({
    bucket: 'bucket',
    key: 'stalled/a.txt',
    body,
    md5Hex: nodeDigest.md5Hex(body),
  });

describe.each([
  ['S3 (NodeHttpHandler socketTimeout)', s3Store],
  ['S3 through an HTTP proxy', s3ViaProxy],
  ['OSS (urllib response timer)', ossStore],
])('a request the store never answers: %s', (_name, makeStore) => {
  it('fails as a retried network error within the stall limit, not a hang', async () => {
    const server = await stallingServer();
    closers.push(server.close);
    const store = await makeStore(server.endpoint, SHORT);
    const started = Date.now();
    const error = await rejection(put(store)());
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'network', disposition: 'retry' });
    expect(server.state.requests).toBe(1);
    // The idle limit, plus the SDK's deferral slack; far below "forever".
    expect(elapsed).toBeGreaterThanOrEqual(SHORT.idleMs - 100);
    expect(elapsed).toBeLessThan(SHORT.idleMs + 4_000);
  }, 20_000);

  it('is retried by the decorator and succeeds once the store answers again', async () => {
    const server = await stallingServer();
    closers.push(server.close);
    const store = await makeStore(server.endpoint, SHORT);
    const waits: string[] = [];
    const result = await withRetries(put(store), {
      clock: systemClock,
      random: () => 0.5,
      backoff: { baseMs: 50, maxMs: 100 },
      maxAttempts: 3,
      failOnFatalCredentials: true,
      onWait: (wait) => {
        waits.push(wait.error.code);
        server.state.stalling = false; // the network heals during the backoff
      },
    });
    expect(result.etag).toBe('0123456789abcdef0123456789abcdef');
    expect(waits).toEqual(['network']);
    expect(server.state).toMatchObject({ requests: 2, answered: 1 });
  }, 20_000);
});

describe('a slow answer that keeps moving (S3)', () => {
  it('is not cut: the limit is on idleness, not on the whole request', async () => {
    const server = await stallingServer();
    closers.push(server.close);
    server.state.stalling = false;
    server.state.trickleMs = 400; // 13 bytes over ~5 s, with the idle limit at 1.5 s
    const started = Date.now();
    const result = await put(s3Store(server.endpoint, SHORT))();
    expect(result.etag).toBe('0123456789abcdef0123456789abcdef');
    expect(Date.now() - started).toBeGreaterThan(3 * SHORT.idleMs);
  }, 20_000);
});
