import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { presetFor, PROVIDER_NAMES } from '../../../../../app/config/providers/provider-presets.js';
import { nodeDigest } from '../../../../../main/adapters/digest/node-digest.js';
import { LeanDataPath } from '../../../../../main/adapters/s3/lean-data-path.js';
import { LeanWithFallback, s3BodySender } from '../../../../../main/adapters/s3/s3-body-senders.js';
import { S3ObjectStore } from '../../../../../main/adapters/s3/s3-object-store.js';
import { rejection } from '../../../../support/rejection.js';

const TOKEN = {
  accessKeyId: 'AKIDWIRE',
  secretAccessKey: 'wire-secret',
  sessionToken: 'wire-token',
  expiration: new Date(Date.now() + 3_600_000),
};

let server: Server;
let endpoint: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
/** How the fake store treats requests: accept all, refuse unsigned payloads, or refuse all. */
let mode: 'accept' | 'signed-only' | 'wrong-secret' = 'accept';

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    seen.push({ url: incoming.url ?? '', headers: incoming.headers });
    incoming.resume();
    incoming.on('end', () => {
      const unsigned = incoming.headers['x-amz-content-sha256'] === 'UNSIGNED-PAYLOAD';
      const refusal =
        mode === 'wrong-secret'
          ? 'SignatureDoesNotMatch'
          : mode === 'signed-only' && unsigned
            ? 'XAmzContentSHA256Mismatch'
            : undefined;
      if (refusal) {
        outgoing.writeHead(refusal === 'SignatureDoesNotMatch' ? 403 : 400);
        outgoing.end(`<Error><Code>${refusal}</Code><Message>no</Message></Error>`);
        return;
      }
      outgoing.writeHead(200, { etag: '"0123456789ABCDEF0123456789ABCDEF"' });
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  mode = 'accept';
});

/** The S3 store as main/compose/stores.ts builds it, for a preset with or without unsigned payloads. */
function store(unsignedPayload: boolean) {
  const addressing = { endpoint, region: 'us-east-1', forcePathStyle: true };
  const credentials = () => Promise.resolve(TOKEN);
  const client = new S3Client({ ...addressing, credentials: TOKEN });
  const bodies = s3BodySender(unsignedPayload, {
    ...addressing,
    client,
    credentials,
    maxSockets: 2,
  });
  return { store: new S3ObjectStore({ client, bodies }), bodies };
}

const body = new TextEncoder().encode('wired');
const md5Hex = nodeDigest.md5Hex(body);

describe('the S3 store sends bodies on the path its preset allows', () => {
  it('unsigned payloads allowed: PUT and UploadPart go lean, with byte progress through the port', async () => {
    const { store: s3, bodies } = store(true);
    expect(bodies).toBeInstanceOf(LeanWithFallback);
    expect((bodies as LeanWithFallback).lean).toBeInstanceOf(LeanDataPath);
    let progress = 0;
    const stored = await s3.putObject({
      bucket: 'b',
      key: 'k',
      body,
      md5Hex,
      onProgress: (n) => (progress = n),
    });
    expect(stored).toEqual({ etag: '0123456789abcdef0123456789abcdef' });
    expect(progress).toBe(body.byteLength);
    await s3.uploadPart({ bucket: 'b', key: 'k', uploadId: 'u', partNumber: 3, body, md5Hex });
    expect(seen.map((r) => r.headers['x-amz-content-sha256'])).toEqual([
      'UNSIGNED-PAYLOAD',
      'UNSIGNED-PAYLOAD',
    ]);
    expect(seen[1]?.url).toBe('/b/k?partNumber=3&uploadId=u');
    bodies.close();
  });

  it('signed payloads required: the SDK sends them with the SHA-256 of the body', async () => {
    const { store: s3, bodies } = store(false);
    expect(bodies).not.toBeInstanceOf(LeanWithFallback);
    await s3.putObject({ bucket: 'b', key: 'k', body, md5Hex });
    expect(seen[0]?.headers['x-amz-content-sha256']).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    expect(seen[0]?.headers['content-md5']).toBe(Buffer.from(md5Hex, 'hex').toString('base64'));
  });

  it.each([true, false])(
    'unsignedPayload=%s: a malformed MD5 is refused before any request',
    async (lean) => {
      const { store: s3 } = store(lean);
      const error = await rejection(s3.putObject({ bucket: 'b', key: 'k', body, md5Hex: 'xyz' }));
      expect(error).toMatchObject({ code: 'internal', disposition: 'fatal' });
      expect(seen).toEqual([]);
    },
  );

  it('a store that refuses unsigned payloads gets the same body signed, and signed bodies from then on', async () => {
    mode = 'signed-only';
    const { store: s3, bodies } = store(true);
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(await s3.putObject({ bucket: 'b', key: 'k', body, md5Hex })).toEqual({
      etag: '0123456789abcdef0123456789abcdef',
    });
    await s3.uploadPart({ bucket: 'b', key: 'k', uploadId: 'u', partNumber: 1, body, md5Hex });
    expect(seen.map((r) => r.headers['x-amz-content-sha256'])).toEqual([
      'UNSIGNED-PAYLOAD',
      sha256,
      sha256,
    ]);
    expect((bodies as LeanWithFallback).usesSdk).toBe(true);
    bodies.close();
  });

  it('a refusal the signed body gets too (a wrong secret) surfaces, and nothing switches', async () => {
    mode = 'wrong-secret';
    const { store: s3, bodies } = store(true);
    const error = await rejection(s3.putObject({ bucket: 'b', key: 'k', body, md5Hex }));
    expect(error).toMatchObject({ code: 'access-denied' });
    expect(seen).toHaveLength(2);
    expect((bodies as LeanWithFallback).usesSdk).toBe(false);
    mode = 'accept';
    await s3.putObject({ bucket: 'b', key: 'k', body, md5Hex });
    expect(seen[2]?.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    bodies.close();
  });

  it('presets: every S3-API provider but none on OSS allows the lean path', () => {
    const allowed = PROVIDER_NAMES.filter((name) => presetFor(name).unsignedPayload);
    expect(allowed).toEqual(['s3', 'aws', 'ceph', 'minio', 'ctyun']);
  });
});
