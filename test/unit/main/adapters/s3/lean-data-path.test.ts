import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { TemporaryCredentials } from '../../../../../app/ports/temporary-credentials.js';
import { nodeDigest } from '../../../../../main/adapters/digest/node-digest.js';
import { LeanDataPath } from '../../../../../main/adapters/s3/lean-data-path.js';
import { S3ResponseError } from '../../../../../main/adapters/s3/s3-error-response.js';
import { translateS3Error } from '../../../../../main/adapters/s3/s3-error.js';
import { objectAddressing } from '../../../../../main/adapters/s3/s3-object-address.js';
import { rejection } from '../../../../support/rejection.js';

const TOKEN: TemporaryCredentials = {
  accessKeyId: 'AKIDLEANTEST',
  secretAccessKey: 'lean/secret+key',
  sessionToken: 'session-token-value',
  expiration: new Date(Date.now() + 3_600_000),
};

interface Captured {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

type Answer = (request: Captured, response: ServerResponse) => void;

let server: Server;
let endpoint: string;
const captured: Captured[] = [];
const sockets = new Set<Socket>();
let answer: Answer = (_request, response) => {
  response.writeHead(200, { etag: '"0123456789ABCDEF0123456789abcdef"' });
  response.end();
};

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      };
      captured.push(request);
      answer(request, outgoing);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
);

const paths: LeanDataPath[] = [];
afterEach(() => {
  captured.length = 0;
  for (const path of paths.splice(0)) path.close();
  answer = (_request, response) => {
    response.writeHead(200, { etag: '"0123456789ABCDEF0123456789abcdef"' });
    response.end();
  };
});

function lean(
  over: {
    idleMs?: number;
    client?: S3Client;
    credentials?: () => Promise<TemporaryCredentials>;
  } = {},
): LeanDataPath {
  const client =
    over.client ??
    new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TOKEN,
    });
  const path = new LeanDataPath({
    client,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: over.credentials ?? (() => Promise.resolve(TOKEN)),
    maxSockets: 4,
    stallTimeouts: { connectMs: 2_000, idleMs: over.idleMs ?? 10_000 },
  });
  paths.push(path);
  return path;
}

const bytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + 3) & 0xff);

/**
 * SigV4 recomputed from what arrived, following the AWS documentation step by step ("Create a
 * canonical request", "Create a string to sign", "Calculate the signature"; S3: the path is
 * not encoded again, the payload hash is the x-amz-content-sha256 value), with node:crypto
 * only: an implementation independent of @smithy/signature-v4.
 */
function expectedSignature(request: Captured, secret: string): string {
  const auth = String(request.headers.authorization);
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!match) throw new Error(`unexpected Authorization: ${auth}`);
  const [, , day = '', region = '', signedHeaders = ''] = match;
  const url = new URL(request.url, 'http://placeholder');
  const query = [...url.searchParams.entries()]
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonical = [
    request.method,
    url.pathname,
    query,
    ...names.map((name) => `${name}:${String(request.headers[name]).trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders,
    String(request.headers['x-amz-content-sha256']),
  ].join('\n');
  const amzDate = String(request.headers['x-amz-date']);
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(day).digest();
  for (const part of [region, 's3', 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  return createHmac('sha256', key).update(toSign).digest('hex');
}

const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const signatureOf = (request: Captured) =>
  /Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization))?.[1];

/** botocore's S3SigV4Auth (the AWS CLI's signer) recomputing the signature of what arrived. */
const BOTOCORE_CHECK = `
import json, sys
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
r = json.load(sys.stdin)
signed = r['signedHeaders'].split(';')
headers = {name: r['headers'][name] for name in signed}
request = AWSRequest(method=r['method'], url=r['url'], headers=headers, data=b'')
request.context['timestamp'] = r['headers']['x-amz-date']
auth = S3SigV4Auth(Credentials(r['accessKeyId'], r['secret'], r['token']), 's3', r['region'])
canonical = auth.canonical_request(request)
print(auth.signature(auth.string_to_sign(request, canonical), request))
`;

function botocoreSignature(request: Captured): string | undefined {
  const signedHeaders = /SignedHeaders=([^,]+),/.exec(String(request.headers.authorization))?.[1];
  const run = spawnSync('python3', ['-c', BOTOCORE_CHECK], {
    input: JSON.stringify({
      method: request.method,
      url: `${endpoint}${request.url}`,
      headers: request.headers,
      signedHeaders,
      accessKeyId: TOKEN.accessKeyId,
      secret: TOKEN.secretAccessKey,
      token: TOKEN.sessionToken,
      region: 'us-east-1',
    }),
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

const hasBotocore =
  spawnSync('python3', ['-c', 'import botocore.auth'], { encoding: 'utf8' }).status === 0;

describe('LeanDataPath: what goes on the wire', () => {
  it('PutObject: UNSIGNED-PAYLOAD, a signed Content-MD5 and token, the exact bytes, the ETag', async () => {
    const body = bytes(16 * 1024);
    const md5Hex = nodeDigest.md5Hex(body);
    const stored = await lean().putObject({
      bucket: 'photos',
      key: 'alice/a b/ü+(1)!*.txt',
      body,
      md5Hex,
      contentType: 'text/plain',
    });
    expect(stored).toEqual({ ETag: '"0123456789ABCDEF0123456789abcdef"' });
    expect(captured).toHaveLength(1);
    const [request] = captured as [Captured];
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/photos/alice/a%20b/%C3%BC%2B%281%29%21%2A.txt');
    expect(request.body.equals(Buffer.from(body))).toBe(true);
    expect(request.headers).toMatchObject({
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'content-md5': Buffer.from(md5Hex, 'hex').toString('base64'),
      'content-length': String(body.byteLength),
      'content-type': 'text/plain',
      'x-amz-security-token': TOKEN.sessionToken,
      host: new URL(endpoint).host,
    });
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(String(request.headers.authorization)).toContain(
      `Credential=${TOKEN.accessKeyId}/${String(request.headers['x-amz-date']).slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=content-length;content-md5;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,`,
    );
    expect(signatureOf(request)).toBe(expectedSignature(request, TOKEN.secretAccessKey));
  });

  it('UploadPart: partNumber and uploadId in the signed query, no content type', async () => {
    const body = bytes(1000);
    await lean().uploadPart({
      bucket: 'photos',
      key: 'big.bin',
      uploadId: '2~Ab/c+d=',
      partNumber: 7,
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    const [request] = captured as [Captured];
    const url = new URL(request.url, endpoint);
    expect(url.pathname).toBe('/photos/big.bin');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      partNumber: '7',
      uploadId: '2~Ab/c+d=',
    });
    expect(request.headers['content-type']).toBeUndefined();
    expect(signatureOf(request)).toBe(expectedSignature(request, TOKEN.secretAccessKey));
  });

  it.skipIf(!hasBotocore)('the signature is the one botocore (the AWS CLI) computes', async () => {
    const body = bytes(300);
    await lean().uploadPart({
      bucket: 'photos',
      key: 'dir/x (1).bin',
      uploadId: 'id~1',
      partNumber: 2,
      body,
      md5Hex: nodeDigest.md5Hex(body),
    });
    const [request] = captured as [Captured];
    expect(botocoreSignature(request)).toBe(signatureOf(request));
  });

  it('a damaged signature is caught by the independent check (the check can fail)', async () => {
    const body = bytes(10);
    await lean().putObject({ bucket: 'b', key: 'k', body, md5Hex: nodeDigest.md5Hex(body) });
    const [request] = captured as [Captured];
    const tampered = { ...request, headers: { ...request.headers, 'content-md5': 'AAAA' } };
    expect(expectedSignature(tampered, TOKEN.secretAccessKey)).not.toBe(signatureOf(request));
  });

  it("signs with the SDK client's skew-corrected clock (its systemClockOffset)", async () => {
    const client = new S3Client({ endpoint, region: 'us-east-1', credentials: TOKEN });
    (client.config as { systemClockOffset: number }).systemClockOffset = -20 * 60_000;
    const path = lean({ client });
    const body = bytes(10);
    await path.putObject({ bucket: 'b', key: 'k', body, md5Hex: nodeDigest.md5Hex(body) });
    const [request] = captured as [Captured];
    const sent = String(request.headers['x-amz-date']).replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    expect(Math.abs(Date.parse(sent) - (Date.now() - 20 * 60_000))).toBeLessThan(5_000);
  });

  it('reports the bytes sent so far as they leave, slice by slice, up to the body', async () => {
    const body = bytes(600 * 1024);
    const reports: number[] = [];
    await lean().putObject({
      bucket: 'b',
      key: 'k',
      body,
      md5Hex: nodeDigest.md5Hex(body),
      onProgress: (n) => reports.push(n),
    });
    expect(reports).toEqual([256 * 1024, 512 * 1024, 600 * 1024]);
  });

  it('under a bandwidth limit the body waits for its share before the token is fetched and signed', async () => {
    const body = bytes(600 * 1024);
    const events: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sending = lean({
      credentials: () => {
        events.push('token');
        return Promise.resolve(TOKEN);
      },
    }).putObject({
      bucket: 'b',
      key: 'k',
      body,
      md5Hex: nodeDigest.md5Hex(body),
      pace: async (n) => {
        events.push(`pace ${n}`);
        await held;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([`pace ${body.byteLength}`]); // no token, nothing sent yet
    expect(captured).toHaveLength(0);
    release();
    await sending;
    expect(events).toEqual([`pace ${body.byteLength}`, 'token']);
    const [request] = captured as [Captured];
    expect(request.body.equals(Buffer.from(body))).toBe(true);
  });

  it('keeps connections alive: ten puts in a row use one socket', async () => {
    const path = lean();
    const seen = new Set<string>();
    answer = (_request, response) => {
      seen.add(`${response.socket?.remotePort ?? '?'}`);
      response.writeHead(200, { etag: '"aa"' });
      response.end();
    };
    for (let i = 0; i < 10; i++) {
      await path.putObject({
        bucket: 'b',
        key: `k${i}`,
        body: bytes(5),
        md5Hex: nodeDigest.md5Hex(bytes(5)),
      });
    }
    expect(seen.size).toBe(1);
  });
});

describe('LeanDataPath: a keep-alive connection the store closed', () => {
  it('is sent again once on a new connection when the reused one resets before an answer', async () => {
    const path = lean();
    const requestsOnSocket = new Map<Socket, number>();
    answer = (_request, response) => {
      const socket = response.socket!;
      const count = (requestsOnSocket.get(socket) ?? 0) + 1;
      requestsOnSocket.set(socket, count);
      // The second request on a connection finds it closed, as after a server's idle timeout.
      if (count === 2) {
        socket.destroy();
        return;
      }
      response.writeHead(200, { etag: '"aa"' });
      response.end();
    };
    const body = bytes(5);
    const put = (key: string) =>
      path.putObject({ bucket: 'b', key, body, md5Hex: nodeDigest.md5Hex(body) });
    await put('first');
    expect(await put('second')).toEqual({ ETag: '"aa"' });
    expect(captured.map((request) => request.url)).toEqual(['/b/first', '/b/second', '/b/second']);
    expect(requestsOnSocket.size).toBe(2);
  });
});

describe('LeanDataPath: the store says no', () => {
  const xmlError =
    (status: number, code: string, extra = '', headers = {}): Answer =>
    (_request, response) => {
      response.writeHead(status, {
        'content-type': 'application/xml',
        'x-amz-request-id': 'rid-9',
        ...headers,
      });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m &amp; n</Message>${extra}<RequestId>body-rid</RequestId></Error>`,
      );
    };
  const put = () => {
    const body = bytes(64);
    return lean().putObject({ bucket: 'b', key: 'k', body, md5Hex: nodeDigest.md5Hex(body) });
  };

  it('BadDigest becomes the SDK-shaped error, translated to bad-digest (retry)', async () => {
    answer = xmlError(400, 'BadDigest');
    const error = await rejection(put());
    expect(error).toBeInstanceOf(S3ResponseError);
    expect(error).toMatchObject({
      name: 'BadDigest',
      message: 'm & n',
      $metadata: { httpStatusCode: 400, requestId: 'rid-9' },
    });
    expect(translateS3Error(error, 'PutObject k')).toMatchObject({
      code: 'bad-digest',
      disposition: 'retry',
      requestId: 'rid-9',
    });
  });

  it('403 AccessDenied is access-denied, the code the auth-retrying store refreshes on', async () => {
    answer = xmlError(403, 'AccessDenied');
    expect(translateS3Error(await rejection(put()), 'PutObject k')).toMatchObject({
      code: 'access-denied',
    });
  });

  it('RequestTimeTooSkewed with its ServerTime is clock-skewed', async () => {
    const serverTime = new Date(Date.now() + 30 * 60_000).toISOString();
    answer = xmlError(403, 'RequestTimeTooSkewed', `<ServerTime>${serverTime}</ServerTime>`);
    const error = translateS3Error(await rejection(put()), 'PutObject k');
    expect(error).toMatchObject({ code: 'clock-skewed', disposition: 'fatal' });
    expect(error.message).toMatch(/behind the store's time/);
  });

  it('503 SlowDown is throttled with its Retry-After', async () => {
    answer = xmlError(503, 'SlowDown', '', { 'retry-after': '7' });
    expect(translateS3Error(await rejection(put()), 'PutObject k')).toMatchObject({
      code: 'throttled',
      retryAfterMs: 7000,
    });
  });

  it('a bodiless 502 from a proxy is a retried server error', async () => {
    answer = (_request, response) => {
      response.writeHead(502);
      response.end();
    };
    expect(translateS3Error(await rejection(put()), 'PutObject k')).toMatchObject({
      code: 'server-error',
      disposition: 'retry',
    });
  });

  it('a store that never answers is a network error after the idle limit', async () => {
    answer = () => undefined; // swallow the request
    const body = bytes(10);
    const started = Date.now();
    const error = await rejection(
      lean({ idleMs: 300 }).putObject({
        bucket: 'b',
        key: 'k',
        body,
        md5Hex: nodeDigest.md5Hex(body),
      }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(translateS3Error(error, 'PutObject k')).toMatchObject({
      code: 'network',
      disposition: 'retry',
    });
  });

  it('a refused connection is a network error naming ECONNREFUSED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new S3Client({
      endpoint: dead,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TOKEN,
    });
    const path = new LeanDataPath({
      client,
      endpoint: dead,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: () => Promise.resolve(TOKEN),
      maxSockets: 1,
    });
    paths.push(path);
    const body = bytes(3);
    const error = await rejection(
      path.putObject({ bucket: 'b', key: 'k', body, md5Hex: nodeDigest.md5Hex(body) }),
    );
    expect(translateS3Error(error, 'PutObject k')).toMatchObject({ code: 'network' });
    expect(translateS3Error(error, 'PutObject k').message).toMatch(/ECONNREFUSED/);
  });
});

describe('objectAddressing: the same URL as the SDK client', () => {
  /** The request the SDK would send, caught after serialisation (endpoint and path applied). */
  async function sdkRequest(
    config: { endpoint?: string; region: string; forcePathStyle: boolean },
    command: PutObjectCommand | UploadPartCommand,
  ): Promise<{ hostname: string; port?: number; path: string }> {
    const client = new S3Client({ ...config, credentials: TOKEN });
    let seen: { hostname: string; port?: number; path: string } | undefined;
    client.middlewareStack.add(
      () => (args) => {
        seen = args.request as { hostname: string; port?: number; path: string };
        return Promise.reject(new Error('caught'));
      },
      { step: 'build', name: 'catchRequest', priority: 'low' },
    );
    await client.send(command as PutObjectCommand).catch(() => undefined);
    if (!seen) throw new Error('no request');
    return seen;
  }

  const cases = [
    {
      endpoint: 'http://127.0.0.1:7480',
      region: 'us-east-1',
      forcePathStyle: true,
      bucket: 'photos',
    },
    {
      endpoint: 'http://127.0.0.1:7480',
      region: 'us-east-1',
      forcePathStyle: false,
      bucket: 'photos',
    },
    {
      endpoint: 'https://oos-cn.ctyunapi.cn',
      region: 'us-east-1',
      forcePathStyle: false,
      bucket: 'photos',
    },
    {
      endpoint: 'https://oos-cn.ctyunapi.cn',
      region: 'us-east-1',
      forcePathStyle: false,
      bucket: 'my.photos',
    },
    {
      endpoint: 'https://minio.example.com:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      bucket: 'photos',
    },
    { region: 'eu-west-1', forcePathStyle: false, bucket: 'photos' },
    { region: 'cn-north-1', forcePathStyle: false, bucket: 'photos' },
  ];
  const key = 'alice/a b/ü+(1)!*~.txt';

  it.each(cases)('$endpoint $region pathStyle=$forcePathStyle bucket $bucket', async (c) => {
    const config = {
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      region: c.region,
      forcePathStyle: c.forcePathStyle,
    };
    const sdk = await sdkRequest(
      config,
      new PutObjectCommand({ Bucket: c.bucket, Key: key, Body: 'x' }),
    );
    const ours = objectAddressing(new S3Client({ ...config, credentials: TOKEN }), {
      endpoint: c.endpoint,
      region: c.region,
      forcePathStyle: c.forcePathStyle,
    })(c.bucket, key);
    expect({ hostname: ours.hostname, port: ours.port, path: ours.path }).toEqual({
      hostname: sdk.hostname,
      port: sdk.port,
      path: sdk.path,
    });
    const part = await sdkRequest(
      config,
      new UploadPartCommand({
        Bucket: c.bucket,
        Key: key,
        UploadId: 'u',
        PartNumber: 1,
        Body: 'x',
      }),
    );
    expect(part.path).toBe(ours.path);
  });
});

describe('objectAddressing: the endpoint rules once per bucket', () => {
  it('asks the rules once per bucket, and each object still gets its own path', () => {
    const config = {
      endpoint: 'http://store.example:7480',
      region: 'us-east-1',
      forcePathStyle: false,
    };
    const client = new S3Client({ ...config, credentials: TOKEN });
    const rules = client.config.endpointProvider;
    const asked: string[] = [];
    client.config.endpointProvider = (params, context) => {
      asked.push(String(params['Bucket']));
      return rules(params, context);
    };
    const address = objectAddressing(client, config);
    const first = address('photos', 'a/1.txt');
    const second = address('photos', 'b/2 x.txt');
    const other = address('other', 'a/1.txt');
    expect(asked).toEqual(['photos', 'other']);
    expect(first).toMatchObject({ hostname: 'photos.store.example', path: '/a/1.txt' });
    expect(second).toMatchObject({ hostname: 'photos.store.example', path: '/b/2%20x.txt' });
    expect(other).toMatchObject({ hostname: 'other.store.example', path: '/a/1.txt' });
    // The second address of a bucket is what a fresh resolution gives.
    expect(second).toEqual(
      objectAddressing(new S3Client({ ...config, credentials: TOKEN }), config)(
        'photos',
        'b/2 x.txt',
      ),
    );
  });
});
