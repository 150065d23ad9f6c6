import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

import type { SdkAgents } from '../network/proxy-agents.js';
import type { StallTimeouts } from '../network/stall-timeouts.js';
import { S3ResponseError } from './s3-error-response.js';
import { encodeRfc3986, type ObjectAddress } from './s3-object-address.js';

/** One signed request with an in-memory body. */
export interface LeanRequest {
  readonly address: ObjectAddress;
  readonly method: 'PUT';
  readonly query: Readonly<Record<string, string>>;
  /** The signed headers (host, content-length, content-md5, x-amz-*, authorization). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** Bytes of the body handed to the socket so far, growing; from 0 again if it is re-sent. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
}

export interface LeanAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

/** Slices of a body reported one by one: small enough for a smooth bar on a slow link. */
const PROGRESS_SLICE = 256 * 1024;
/** Enough of an error body for the XML document S3 sends (a few hundred bytes). */
const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * The lean path's connection pools: one keep-alive pool per scheme, at most `maxSockets`
 * connections per host (sized to the transfers in flight, as the SDK client's). Through a
 * proxy the proxy agents of network/proxy-agents.ts are used, the same objects the SDK client
 * gets (CONNECT tunnels for https, absolute-URI requests for http), so NO_PROXY and the config's
 * proxy mean the same for both paths.
 *
 * node:http rather than undici: the SDK client has loaded node:http/https already, so this
 * costs no module load at start (undici is ~0.25 s and ~20 MB, system/lazy-modules.ts), and the
 * proxy agents plug straight in, where undici's ProxyAgent would tunnel plain-http with CONNECT
 * and so behave differently from the SDK path.
 *
 * TLS trusts what Node trusts: its bundled roots plus NODE_EXTRA_CA_CERTS, which Node reads at
 * start for every TLS socket, exactly like the SDK path (the SDK for JavaScript v3 does not read
 * AWS_CA_BUNDLE: no occurrence in @aws-sdk/* or @smithy/* 3.1169, so neither does this).
 */
export class LeanConnectionPool {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(
    maxSockets: number,
    readonly stallTimeouts: StallTimeouts,
    agents: SdkAgents = {},
  ) {
    const keepAlive = { keepAlive: true, maxSockets };
    this.http = agents.httpAgent ?? new HttpAgent(keepAlive);
    this.https = agents.httpsAgent ?? new HttpsAgent(keepAlive);
  }

  agentFor(address: ObjectAddress): HttpAgent {
    return address.protocol === 'http:' ? this.http : this.https;
  }

  /** Closes idle sockets (a process that is done uploading may then exit). */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/**
 * Sends the request and resolves with the answer's status and headers when it is a 2xx (its
 * body drained, so the socket goes back to the pool); rejects with an S3ResponseError for any
 * other status, with the socket's own error (ECONNREFUSED…) or with a `TimeoutError` when a
 * stall limit is hit: the names network-error.ts knows.
 *
 * A request that fails with ECONNRESET on a reused keep-alive socket before any answer is sent
 * once more on a new one: the server closed the idle connection as we picked it (Node's
 * documentation, http "request.reusedSocket", recommends exactly this retry; PUT is idempotent).
 */
export async function sendLeanRequest(
  request: LeanRequest,
  pool: LeanConnectionPool,
): Promise<LeanAnswer> {
  try {
    return await sendOnce(request, pool);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return sendOnce(request, pool).catch((again: unknown) => {
      throw again instanceof StaleSocketError ? again.cause : again;
    });
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

function sendOnce(request: LeanRequest, pool: LeanConnectionPool): Promise<LeanAnswer> {
  const { address } = request;
  const query = Object.entries(request.query)
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&');
  const send = address.protocol === 'http:' ? httpRequest : httpsRequest;
  const { connectMs, idleMs } = pool.stallTimeouts;
  return new Promise<LeanAnswer>((resolve, reject) => {
    let answered = false;
    const outgoing = send({
      method: request.method,
      hostname: address.hostname,
      ...(address.port === undefined ? {} : { port: address.port }),
      path: query ? `${address.path}?${query}` : address.path,
      headers: request.headers,
      agent: pool.agentFor(address),
    });
    const fail = (error: Error) => {
      clearTimeout(connectTimer);
      outgoing.destroy();
      reject(error);
    };
    // The SDK's limits, the same way (@smithy/node-http-handler setConnectionTimeout and
    // setSocketTimeout; see s3-client-factory.ts stallLimits): from the start until the socket
    // is connected (through a proxy: until the agent hands over the tunnel), then "no byte
    // either way for idleMs" on the socket.
    const connectTimer = setTimeout(
      () => fail(timeoutError(`no connection to the store within ${connectMs} ms`)),
      connectMs,
    );
    outgoing.on('socket', (socket: Socket) => {
      if (socket.connecting) socket.once('connect', () => clearTimeout(connectTimer));
      else clearTimeout(connectTimer);
    });
    outgoing.setTimeout(idleMs, () =>
      fail(timeoutError(`the request socket timed out after ${idleMs} ms of inactivity`)),
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      const stale = !answered && outgoing.reusedSocket && error.code === 'ECONNRESET';
      reject(stale ? new StaleSocketError(error) : error);
    });
    outgoing.on('response', (incoming) => {
      answered = true;
      clearTimeout(connectTimer);
      const status = incoming.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        incoming.resume();
        incoming.on('end', () => resolve({ status, headers: incoming.headers }));
        incoming.on('error', reject);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        if (size < ERROR_BODY_LIMIT) chunks.push(chunk);
        size += chunk.byteLength;
      });
      incoming.on('end', () =>
        reject(new S3ResponseError(status, incoming.headers, Buffer.concat(chunks).toString())),
      );
      incoming.on('error', reject);
    });
    writeBody(outgoing, request);
  });
}

function writeBody(
  outgoing: {
    write(chunk: Uint8Array, done: (error?: Error | null) => void): boolean;
    end(): void;
  },
  request: LeanRequest,
): void {
  const { body, onProgress } = request;
  if (!onProgress) {
    if (body.byteLength > 0) outgoing.write(body, () => undefined);
    outgoing.end();
    return;
  }
  // Each slice is reported when the socket has taken it (the write callback), not when queued,
  // as the bytes of this sending so far (the port's contract: a request sent again starts from 0).
  for (let start = 0; start < body.byteLength; start += PROGRESS_SLICE) {
    const end = Math.min(start + PROGRESS_SLICE, body.byteLength);
    outgoing.write(body.subarray(start, end), (error) => {
      if (!error) onProgress(end);
    });
  }
  outgoing.end();
}

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError' });
}
