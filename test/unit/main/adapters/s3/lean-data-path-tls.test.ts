import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent as HttpsAgent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeDigest } from '../../../../../main/adapters/digest/node-digest.js';
import type { SdkAgents } from '../../../../../main/adapters/network/proxy-agents.js';
import { LeanDataPath } from '../../../../../main/adapters/s3/lean-data-path.js';
import { translateS3Error } from '../../../../../main/adapters/s3/s3-error.js';
import { rejection } from '../../../../support/rejection.js';

const TOKEN = {
  accessKeyId: 'AKIDTLS',
  secretAccessKey: 'tls-secret',
  sessionToken: 'tls-token',
  expiration: new Date(Date.now() + 3_600_000),
};

let server: Server;
let endpoint: string;
let cert: Buffer;
const seen: { host?: string; proto: string }[] = [];

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1, made by the system's openssl.
  const dir = mkdtempSync(join(tmpdir(), 'ferry-lean-tls-'));
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
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'));
  const key = readFileSync(join(dir, 'key.pem'));
  rmSync(dir, { recursive: true, force: true });
  server = createServer({ key, cert }, (incoming, outgoing) => {
    seen.push({ host: incoming.headers.host, proto: 'https' });
    incoming.resume();
    incoming.on('end', () => {
      outgoing.writeHead(200, { etag: '"abc"' });
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function leanPath(agents?: SdkAgents): LeanDataPath {
  return new LeanDataPath({
    client: new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TOKEN,
    }),
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: () => Promise.resolve(TOKEN),
    maxSockets: 2,
    ...(agents ? { agents } : {}),
  });
}

const body = new TextEncoder().encode('over tls');
const request = { bucket: 'b', key: 'k', body, md5Hex: nodeDigest.md5Hex(body) };

describe('LeanDataPath over HTTPS', () => {
  it('refuses a certificate Node does not trust, like the SDK path: a network error naming it', async () => {
    const lean = leanPath();
    const error = translateS3Error(await rejection(lean.putObject(request)), 'PutObject k');
    lean.close();
    expect(error).toMatchObject({ code: 'network', disposition: 'retry' });
    expect(error.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);

    const sdk = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TOKEN,
    });
    const sdkError = await rejection(
      sdk.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body })),
    );
    sdk.destroy();
    expect(translateS3Error(sdkError, 'PutObject k').message).toMatch(
      /DEPTH_ZERO_SELF_SIGNED_CERT/,
    );
    expect(seen).toEqual([]);
  });

  it('sends over TLS with the Host header of the endpoint when the certificate is trusted', async () => {
    const lean = leanPath({ httpsAgent: new HttpsAgent({ keepAlive: true, ca: cert }) });
    expect(await lean.putObject(request)).toEqual({ ETag: '"abc"' });
    lean.close();
    expect(seen).toEqual([{ host: new URL(endpoint).host, proto: 'https' }]);
  });
});
