import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { operationOf, type Fault, type FaultPlan, type Operation } from './fault-plan.js';

/**
 * A fault-injecting reverse proxy for the fault tier: Ferry → proxy → the store (RGW, S3 + STS on
 * one endpoint). It forwards requests unchanged (SigV4 signs the Host header Ferry sent, and RGW
 * checks the signature against the Host it receives, which is the same), and applies the plan's
 * faults: resets before or after the request body, stalls, 500/503 with S3 XML bodies, an STS
 * outage window, and lost answers (the store carried the request out, the answer is dropped).
 * Every request and what Ferry got back is recorded, so tests can prove what was re-sent.
 *
 * Bounded and loopback only: listens on 127.0.0.1, forwards only to the one upstream given,
 * buffers at most MAX_BODY bytes per request or answer, and closes every socket on close().
 */
export interface FaultProxy {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly exchanges: readonly Exchange[];
  /** Secrets the store handed out through the proxy (AssumeRole answers): must never be logged. */
  readonly secretsSeen: readonly string[];
  close(): Promise<void>;
}

export interface Exchange {
  readonly seq: number;
  operation: Operation;
  readonly method: string;
  /** Path and query as received (bucket/key, uploadId, partNumber…); never headers or bodies. */
  readonly target: string;
  readonly key: string;
  readonly uploadId: string | null;
  readonly partNumber: number | null;
  fault: Fault['kind'] | 'sts-outage' | null;
  /** What the store answered (null: never forwarded or no answer). */
  upstreamStatus: number | null;
  /** What reached Ferry: an HTTP status, or 'reset' when the connection was cut instead. */
  delivered: number | 'reset' | null;
}

const MAX_BODY = 64 * 1024 * 1024;

export async function startFaultProxy(upstream: string, plan: FaultPlan): Promise<FaultProxy> {
  const target = new URL(upstream);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`the fault proxy only forwards to loopback, not ${target.hostname}`);
  }
  const exchanges: Exchange[] = [];
  const secretsSeen: string[] = [];
  const counts = new Map<Operation, number>();
  const sockets = new Set<Socket>();
  let firstAssumeRole: number | undefined;

  const faultFor = (operation: Operation): Fault | undefined => {
    const n = (counts.get(operation) ?? 0) + 1;
    counts.set(operation, n);
    return plan.rules.find((rule) => rule.operation === operation && rule.nth === n)?.fault;
  };
  const stsDown = () => {
    const outage = plan.stsOutage;
    firstAssumeRole ??= Date.now();
    const t = Date.now() - firstAssumeRole;
    return outage !== undefined && t >= outage.fromMs && t < outage.fromMs + outage.durationMs;
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const method = incoming.method ?? 'GET';
    const url = new URL(incoming.url ?? '/', 'http://proxy.invalid');
    const segments = url.pathname.split('/').filter((s) => s !== '');
    const part = url.searchParams.get('partNumber');
    const exchange: Exchange = {
      seq: exchanges.length + 1,
      operation: operationOf(method, url),
      method,
      target: `${url.pathname}${url.search}`,
      key: decodeURIComponent(segments.slice(1).join('/')),
      uploadId: url.searchParams.get('uploadId'),
      partNumber: part === null ? null : Number(part),
      fault: null,
      upstreamStatus: null,
      delivered: null,
    };
    exchanges.push(exchange);
    const reset = () => {
      exchange.delivered = 'reset';
      incoming.socket.destroy();
    };
    // Operations known without the body may be cut before it (STS needs its form read first).
    const early = exchange.operation === 'Other' ? undefined : faultFor(exchange.operation);
    if (early?.kind === 'reset-before-body') {
      exchange.fault = early.kind;
      return reset();
    }
    const body = await readAll(incoming);
    let fault: Fault | undefined = early;
    if (exchange.operation === 'Other') {
      const operation = operationOf(method, url, body);
      exchange.operation = operation;
      if (operation === 'AssumeRole' && stsDown()) {
        exchange.fault = 'sts-outage';
        return answer(outgoing, exchange, 503, stsError('ServiceUnavailable'));
      }
      fault = faultFor(operation);
    }
    exchange.fault = fault?.kind ?? null;
    switch (fault?.kind) {
      case 'reset-before-body':
      case 'reset-after-body':
        return reset();
      case 'status':
        return answer(outgoing, exchange, fault.status, s3Error(fault.code, exchange.target));
      case 'stall':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      default:
        break;
    }
    const reply = await forward(target, incoming, body);
    exchange.upstreamStatus = reply.status;
    if (exchange.operation === 'AssumeRole') secretsSeen.push(...secretsIn(reply.body));
    if (fault?.kind === 'lose-answer') return reset();
    answer(outgoing, exchange, reply.status, reply.body, reply.headers);
  };

  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => incoming.socket.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    secretsSeen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readAll(stream: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY) stream.destroy(new Error('request body over the proxy bound'));
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Uint8Array;
}

function forward(target: URL, incoming: IncomingMessage, body: Uint8Array): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port || 80,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        readAll(answer)
          .then((bytes) =>
            resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: bytes }),
          )
          .catch(reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function answer(
  outgoing: ServerResponse,
  exchange: Exchange,
  status: number,
  body: Uint8Array | string,
  headers: Record<string, string | string[] | undefined> = { 'content-type': 'application/xml' },
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const clean = Object.fromEntries(
    Object.entries(headers).filter(
      ([name, value]) => value !== undefined && !['transfer-encoding', 'connection'].includes(name),
    ),
  ) as Record<string, string | string[]>;
  // A HEAD answer keeps the store's Content-Length: it is the object's size, with no body.
  const length =
    exchange.method === 'HEAD' && clean['content-length'] !== undefined
      ? {}
      : { 'content-length': String(bytes.byteLength) };
  outgoing.writeHead(status, { ...clean, ...length });
  outgoing.end(bytes, () => {
    exchange.delivered = status;
  });
}

/** An S3 error body (AWS S3 API reference, "Error responses": <Error><Code>…). */
function s3Error(code: string, resource: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>Injected by the fault proxy.</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>fault-proxy</RequestId></Error>`
  );
}

/** An STS error body (AWS STS API reference, "Common errors": <ErrorResponse><Error>…). */
function stsError(code: string): string {
  return (
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
    `<Error><Type>Receiver</Type><Code>${code}</Code><Message>Injected STS outage.</Message></Error>` +
    '<RequestId>fault-proxy</RequestId></ErrorResponse>'
  );
}

function secretsIn(body: Uint8Array): string[] {
  const text = Buffer.from(body).toString('utf8');
  return [...text.matchAll(/<(SecretAccessKey|SessionToken)>([^<]+)</g)].map((m) => m[2] ?? '');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
