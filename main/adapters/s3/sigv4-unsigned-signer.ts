import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';

import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';

/**
 * The payload-hash value that says "the body is not part of the signature" (AWS S3 API
 * reference, "Signature Calculations for the Authorization Header: Transferring Payload in a
 * Single Chunk": the canonical request ends with the literal UNSIGNED-PAYLOAD and the request
 * carries `x-amz-content-sha256: UNSIGNED-PAYLOAD`). The body's integrity is then the job of
 * the signed `Content-MD5` header, which S3 checks against the bytes it received (RFC 1864;
 * AWS S3 API reference, PutObject and UploadPart: "Content-MD5 … used as a message integrity
 * check"), so damaged bytes are still refused (400 BadDigest) while the client hashes each byte
 * once (MD5) instead of twice (MD5 + SHA-256).
 */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** What the signer needs of a request: the same fields as @smithy/types HttpRequest. */
export interface SignableRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number | undefined;
  /** Already URI-encoded, exactly as sent (S3 paths are not encoded twice, see below). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; `host` and `content-md5` among them. Every header given is signed. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * SHA-256 and HMAC-SHA256 for @smithy/signature-v4 on node:crypto: the signer only hashes the
 * canonical request and derives keys (a few hundred bytes per request), never the body here.
 * The shape is @smithy/types Checksum, like @smithy/hash-node's Hash, which is not a dependency.
 */
export class NodeSha256 implements Checksum {
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
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? new Uint8Array(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : new Uint8Array(this.secret);
    return createHmac('sha256', key);
  }
}

/**
 * Signs one request with the SDK's own SigV4 signer and returns the headers to send (the given
 * ones plus `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`, `authorization`).
 *
 * - `x-amz-content-sha256: UNSIGNED-PAYLOAD` is set before signing; SignatureV4 then takes the
 *   payload hash from that header and never reads the body (@smithy/signature-v4 5.x
 *   `getPayloadHash`: "if headers has x-amz-content-sha256, return its value").
 * - Every header given is signed, so `content-md5` is in SignedHeaders: a proxy cannot change
 *   the digest without breaking the signature (AWS SigV4: "you can include any other headers
 *   in the signature", S3 "Authenticating Requests: Using the Authorization Header").
 * - `uriEscapePath: false`: S3 signs the path as sent, without the second encoding other AWS
 *   services use (SignatureV4Init docs; the S3 client's signer config `signingEscapePath: false`).
 * - The credentials are fetched once per request; the signing key is cached by the signer per
 *   (secret, day, region, service).
 */
export async function signUnsignedPayload(
  request: SignableRequest,
  credentials: TemporaryCredentials,
  signingRegion: string,
  signingDate: Date = new Date(),
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 's3',
    region: signingRegion,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.protocol,
      hostname: request.hostname,
      ...(request.port === undefined ? {} : { port: request.port }),
      path: request.path,
      query: { ...request.query },
      headers: { ...request.headers, 'x-amz-content-sha256': UNSIGNED_PAYLOAD },
    },
    { signingDate },
  );
  return signed.headers;
}
