import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/**
 * Plumbing that lets Alibaba's official SDKs reach the local OSS test server unmodified:
 * their gateways build virtual-hosted names (`<bucket>.<endpoint>`) and @alicloud/credentials
 * always speaks HTTPS to STS, so tests need test host names that resolve to 127.0.0.1, a TLS
 * front, and, to prove that tampering is caught, a relay that alters requests in flight.
 */

/** Host names under this suffix resolve to 127.0.0.1 while resolveTestHosts() is in force. */
export const TEST_DOMAIN = 'ferry-test.invalid';

type LookupCallback = (...args: unknown[]) => void;

/**
 * Makes `*.ferry-test.invalid` resolve to 127.0.0.1 in this process (the reserved `.invalid`
 * TLD never resolves for real), leaving every other name alone. Returns the undo function.
 */
export function resolveTestHosts(): () => void {
  const real = dns.lookup;
  const patched = (hostname: string, options: unknown, callback?: LookupCallback) => {
    const target = hostname.endsWith(`.${TEST_DOMAIN}`) ? '127.0.0.1' : hostname;
    return typeof options === 'function'
      ? (real as (...args: unknown[]) => void)(target, options)
      : (real as (...args: unknown[]) => void)(target, options, callback);
  };
  Object.defineProperty(dns, 'lookup', { value: patched, writable: true, configurable: true });
  return () => Object.defineProperty(dns, 'lookup', { value: real, writable: true });
}

export interface ForwardedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface Relay {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Alters every following request before it is forwarded (undefined: forward unchanged). */
  tamper(change: ((request: ForwardedRequest) => void) | undefined): void;
  close(): Promise<void>;
}

/** An HTTP relay to `targetPort` on 127.0.0.1 that keeps the Host header and may alter requests. */
export async function startRelay(targetPort: number): Promise<Relay> {
  let change: ((request: ForwardedRequest) => void) | undefined;
  const server: Server = createServer((req, res) => {
    const forwarded: ForwardedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
    };
    change?.(forwarded);
    const upstream = request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: forwarded.method,
        path: forwarded.path,
        headers: forwarded.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tamper: (next) => {
      change = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface TlsFront {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A TLS terminator for `hostname` in front of a plain-HTTP port, with a throw-away self-signed
 * certificate made by the system's openssl. Clients must be told not to verify it (the tests
 * that use it check signatures, not certificates).
 */
export async function startTlsFront(targetPort: number, hostname: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'oss-tls-front-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${hostname}`,
        '-addext',
        `subjectAltName=DNS:${hostname}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const open = new Set<{ destroy(): void }>();
    const server = createTlsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (socket) => {
        const upstream = connect(targetPort, '127.0.0.1');
        open.add(socket).add(upstream);
        socket.on('close', () => open.delete(socket));
        upstream.on('close', () => open.delete(upstream));
        socket.pipe(upstream).pipe(socket);
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      port,
      // Clients keep connections alive; close() cuts them so the listener can stop.
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of open) socket.destroy();
        }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
