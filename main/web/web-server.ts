import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer } from 'ws';

import type { UiHost } from '../../app/ipc/contract.js';
import { toBridgeError } from '../../app/ipc/dispatcher.js';
import { SERVE_PATHS } from '../../app/ipc/wire.js';
import { attachBridgeSocket, MAX_WIRE_REQUEST_BYTES } from './bridge-socket.js';
import { RequestGuard, requestUrl } from './request-guard.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { DEFAULT_UPLOAD_LIMITS, HttpRefusal, type UploadLimits } from './upload-limits.js';
import { UploadReceiver, type UploadHost } from './upload-receiver.js';

/** What the server needs from the engine's host (`FerryUiHost` in production). */
export type WebServerHost = UiHost & UploadHost;

export interface WebServerOptions {
  readonly host: WebServerHost;
  /** 0: any free port. */
  readonly port: number;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly stagingDir: string;
  /** For tests; default: 32 random bytes. */
  readonly token?: string;
  /** Bounds on browser drops; each defaults to DEFAULT_UPLOAD_LIMITS. */
  readonly limits?: Partial<UploadLimits>;
}

export interface RunningWebServer {
  /** The URL to open once: it carries the token, which the page trades for a cookie. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `ferry serve`'s HTTP side: the renderer page, the WebSocket bridge and browser drops, on
 * 127.0.0.1 only (never another interface: the bridge can change what is uploaded). Every
 * request passes the Host check before anything parses it, and every handler ends in an
 * answer: a malformed request is a 4xx, never an exception that stops the process (which would
 * leave its staged files and state-dir lock behind).
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  const port = await listen(server, options.port);
  const guard = new RequestGuard(token, port);
  const headers = securityHeaders(port);
  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  const uploads = new UploadReceiver(options.stagingDir, options.host, limits);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_REQUEST_BYTES });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch((error: unknown) => {
      request.resume();
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const bad = error instanceof URIError || error instanceof TypeError;
      text(response, bad ? 400 : 500, bad ? 'Bad request.' : 'Internal error.');
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = guard.hostAllowed(request) ? requestUrl(request) : null;
      const allowed =
        url !== null &&
        url.pathname === SERVE_PATHS.socket &&
        guard.originAllowed(request, true) &&
        guard.authenticated(request, url);
      if (!allowed) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => attachBridgeSocket(ws, options.host));
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse) {
    if (!guard.hostAllowed(request)) return text(response, 403, 'Unknown host.', true);
    const url = requestUrl(request);
    if (url === null) return text(response, 400, 'Bad request target.', true);
    if (url.pathname === SERVE_PATHS.upload) return handleUpload(request, response, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(response, 405, 'Use GET.', true);
    }
    if (url.searchParams.has('token') && guard.tokenValid(url.searchParams.get('token'))) {
      // The first load trades the token for a cookie and drops it from the address bar, so
      // history, bookmarks and screenshots do not carry it.
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...headers,
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': guard.sessionCookie(),
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    return serveStatic(options.rendererDir, url.pathname, response, headers, {
      session: guard.authenticated(request, url),
    });
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'PUT') return text(response, 405, 'Use PUT.', true);
    if (!guard.originAllowed(request, false) || !guard.authenticated(request, url)) {
      return text(response, 403, 'Forbidden: open the URL printed by ferry serve.', true);
    }
    try {
      const result = await uploads.receive(request, url);
      return json(response, 200, { ok: true, result });
    } catch (error) {
      const status = error instanceof HttpRefusal ? error.status : 400;
      // Closing the connection instead of reading a refused body to its (maybe huge) end.
      return json(response, status, { ok: false, error: toBridgeError(error) }, true);
    }
  }

  function text(response: ServerResponse, status: number, message: string, close = false): void {
    response.writeHead(status, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      ...(close ? { Connection: 'close' } : {}),
    });
    response.end(`${message}\n`);
  }

  function json(response: ServerResponse, status: number, body: unknown, close = false): void {
    response.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      ...(close ? { Connection: 'close' } : {}),
    });
    response.end(JSON.stringify(body));
  }

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await uploads.dispose();
    },
  };
}

/** The renderer must have been built (`npm run build`); say so instead of serving 404s. */
export function rendererBuilt(rendererDir: string): boolean {
  return existsSync(`${rendererDir}/index.html`);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 literally: "localhost" may resolve to ::1 or to every interface on odd systems.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
