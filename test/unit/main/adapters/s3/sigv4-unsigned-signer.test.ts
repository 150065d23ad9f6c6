import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { TemporaryCredentials } from '../../../../../app/ports/temporary-credentials.js';
import {
  signUnsignedPayload,
  type SignableRequest,
} from '../../../../../main/adapters/s3/sigv4-unsigned-signer.js';

/** @smithy/types Checksum on node:crypto, for the reference signer. */
class ReferenceSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    return createHmac('sha256', this.secret as string | Uint8Array);
  }
}

/** The SDK's own signer, configured as the S3 client signs with an unsigned payload. */
async function reference(
  request: SignableRequest,
  credentials: TemporaryCredentials,
  region: string,
  date: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    sha256: ReferenceSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      ...request,
      query: { ...request.query },
      headers: { ...request.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { signingDate: date },
  );
  return signed.headers;
}

const credentialsOf = (secret: string, token: string): TemporaryCredentials => ({
  accessKeyId: 'AKIDSIGNERTEST',
  secretAccessKey: secret,
  sessionToken: token,
  expiration: new Date(Date.now() + 3_600_000),
});

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const headerValue = fc.stringMatching(
  /^[ \t]{0,2}[!-~]{1,8}([ \t]{1,3}[!-~]{1,8}){0,2}[ \t]{0,2}$/,
);

describe('signUnsignedPayload', () => {
  it('signs exactly as @smithy/signature-v4 does (random paths, queries, headers, dates)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 3 }),
        fc.dictionary(text, text, { maxKeys: 3 }),
        fc.dictionary(fc.stringMatching(/^x-amz-meta-[a-z0-9-]{1,8}$/), headerValue, {
          maxKeys: 3,
        }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.constantFrom('us-east-1', 'eu-central-1', 'cn-north-1'),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom('', 'session/token+value=='),
        async (segments, query, extra, date, region, secret, token) => {
          const request: SignableRequest = {
            method: 'PUT',
            protocol: 'http:',
            hostname: '127.0.0.1',
            port: 7480,
            path: `/bucket/${segments.map(encodeURIComponent).join('/')}`,
            query,
            headers: {
              host: '127.0.0.1:7480',
              'content-length': '16384',
              'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==',
              'user-agent': 'not signed',
              ...extra,
            },
          };
          const credentials = credentialsOf(secret, token);
          expect(signUnsignedPayload(request, credentials, region, date)).toEqual(
            await reference(request, credentials, region, date),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('derives a new signing key when the token (its secret) is replaced within the same day', () => {
    const request: SignableRequest = {
      method: 'PUT',
      protocol: 'https:',
      hostname: 's3.amazonaws.com',
      path: '/bucket/a.txt',
      query: {},
      headers: { host: 's3.amazonaws.com', 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==' },
    };
    const date = new Date('2026-11-30T18:00:00Z');
    const first = signUnsignedPayload(
      request,
      credentialsOf('old-secret', 't1'),
      'us-east-1',
      date,
    );
    const second = signUnsignedPayload(
      request,
      credentialsOf('new-secret', 't1'),
      'us-east-1',
      date,
    );
    const again = signUnsignedPayload(
      request,
      credentialsOf('old-secret', 't1'),
      'us-east-1',
      date,
    );
    expect(second['authorization']).not.toBe(first['authorization']);
    expect(again['authorization']).toBe(first['authorization']);
  });

  it('writes x-amz-date without milliseconds and sends no token header for an empty token', () => {
    const headers = signUnsignedPayload(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'h',
        path: '/',
        query: {},
        headers: { host: 'h' },
      },
      credentialsOf('s', ''),
      'us-east-1',
      new Date('2015-08-30T12:36:00.123Z'),
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers['x-amz-security-token']).toBeUndefined();
    expect(headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSIGNERTEST\/20150830\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });
});
