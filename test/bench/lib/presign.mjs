// @ts-check
// Presigned S3 URLs (SigV4 in the query string) made with the SDK's own signer,
// @smithy/signature-v4 (a dependency already; @aws-sdk/s3-request-presigner is not installed).
// The curl floor sends the bytes; this only signs. Facts used:
// - a presigned request's payload hash is the literal UNSIGNED-PAYLOAD ("Authenticating Requests:
//   Using Query Parameters (AWS Signature Version 4)", Amazon S3 API Reference, read 2026-11-30).
//   SignatureV4.presign() takes UNSIGNED-PAYLOAD when the request's body is neither a string nor
//   bytes (getPayloadHash in @smithy/signature-v4 5.7.5 dist-cjs/index.js), so the request below
//   carries a placeholder object as its body;
// - the session token goes into X-Amz-Security-Token, which presign() adds itself (same file).
import { createHash, createHmac } from 'node:crypto';

import { SignatureV4 } from '@smithy/signature-v4';

/** The sha256 constructor the signer expects (a Hash, or an HMAC when given a secret). */
class Sha256 {
  /** @param {string | ArrayBuffer | ArrayBufferView} [secret] */
  constructor(secret) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : toBytes(secret));
  }

  /** @param {string | Uint8Array} data */
  update(data) {
    this.hash.update(data);
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** @param {ArrayBuffer | ArrayBufferView} data */
function toBytes(data) {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/**
 * @param {{ accessKeyId: string, secretAccessKey: string, sessionToken: string }} credentials
 * @param {string} region
 */
export function presigner(credentials, region) {
  const signer = new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Sha256,
    // S3 signs the path as sent, without the second URI-encoding other services use (the same
    // setting the S3 client passes: @aws-sdk/client-s3's runtime config, `uriEscapePath: false`).
    uriEscapePath: false,
  });
  /**
   * A path-style PUT URL for `key`, valid for an hour; `query` adds e.g. partNumber/uploadId.
   * @param {string} endpoint  "http://127.0.0.1" or "https://127.0.0.1:8443"
   * @param {string} bucket
   * @param {string} key
   * @param {Record<string, string>} [query]
   */
  return async (endpoint, bucket, key, query = {}) => {
    const url = new URL(endpoint);
    const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const signed = await signer.presign(
      {
        method: 'PUT',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path,
        query,
        headers: { host: url.host },
        body: {},
      },
      { expiresIn: 3600 },
    );
    const search = Object.entries(signed.query ?? {})
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${url.protocol}//${url.host}${path}?${search}`;
  };
}
