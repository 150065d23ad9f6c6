import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer } from 'ws';

import { toBridgeError } from '../../app/ipc/dispatcher.js';
import { SERVE_PATHS } from '../../app/ipc/wire.js';
import type { FerryUiHost } from '../service/ferry-ui-host.js';
import { attachBridgeSocket, MAX_WIRE_REQUEST_BYTES } from './bridge-socket.js';
import { RequestGuard } from './request-guard.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { UploadReceiver } from './upload-receiver.js';

export interface WebServerOptions {
  readonly host: FerryUiHost;
  /** 0: any free port. */
  readonly port: number;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly stagingDir: string;
  /** For tests; default: 32 random bytes. */
  readonly token?: string;
}

export interface RunningWebServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `ferry serve`'s HTTP side: the renderer page, the WebSocket bridge and browser drops, on
 * 127.0.0.1 only (never another interface: the bridge can change what is uploaded).
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  const port = await listen(server, options.port);
  const guard = new RequestGuard(token, port);
  const headers = securityHeaders(port);
  const uploads = new UploadReceiver(options.stagingDir, options.host);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_REQUEST_BYTES });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void handleRequest(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, headers);
      response.end();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'invalid'}`);
    const allowed =
      url.pathname === SERVE_PATHS.socket &&
      guard.hostAllowed(request) &&
      guard.originAllowed(request, true) &&
      guard.tokenValid(guard.tokenOf(request, url));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachBridgeSocket(ws, options.host));
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse) {
    if (!guard.hostAllowed(request)) return deny(response, 'Unknown host.');
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname === SERVE_PATHS.upload) {
      if (request.method !== 'PUT') return deny(response, 'Use PUT.', 405);
      if (!guard.originAllowed(request, false) || !guard.tokenValid(guard.tokenOf(request, url))) {
        request.resume();
        return deny(response, 'Forbidden: open the URL printed by ferry serve.');
      }
      try {
        const result = await uploads.receive(request, url);
        return json(response, 200, { ok: true, result });
      } catch (error) {
        request.resume();
        return json(response, 400, { ok: false, error: toBridgeError(error) });
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return deny(response, 'Use GET.', 405);
    }
    return serveStatic(options.rendererDir, url.pathname, response, headers);
  }

  function deny(response: ServerResponse, message: string, status = 403): void {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${message}\n`);
  }

  function json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
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
