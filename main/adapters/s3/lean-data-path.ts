import type { S3Client } from '@aws-sdk/client-s3';

import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import type { PutObjectRequest, UploadPartRequest } from '../../../app/ports/object-store.js';
import type { SdkAgents } from '../network/proxy-agents.js';
import { DEFAULT_STALL_TIMEOUTS, type StallTimeouts } from '../network/stall-timeouts.js';
import { LeanConnectionPool, sendLeanRequest, type LeanAnswer } from './lean-http-request.js';
import {
  objectAddressing,
  type AddressingOptions,
  type ObjectAddress,
} from './s3-object-address.js';
import { signUnsignedPayload } from './sigv4-unsigned-signer.js';

export interface LeanDataPathOptions extends AddressingOptions {
  /** The SDK client of the same store: its endpoint rules address the objects. */
  readonly client: S3Client;
  /** The token to sign with, fetched once per request (a TokenProvider's `get`). */
  readonly credentials: () => Promise<TemporaryCredentials>;
  /** Connections kept per host: the number of bodies in flight. */
  readonly maxSockets: number;
  /** Proxy agents (network/proxy-agents.ts); direct keep-alive connections otherwise. */
  readonly agents?: SdkAgents;
  readonly stallTimeouts?: StallTimeouts;
}

/** The store's answer as the SDK's output names it: the raw (quoted) ETag header, which the
 *  adapter normalises and requires exactly as for the SDK path's answers. */
export interface LeanStored {
  readonly ETag: string | undefined;
}

/**
 * PutObject and UploadPart without the SDK: signed by the SDK's own SigV4 signer with
 * `UNSIGNED-PAYLOAD` and a signed Content-MD5 (sigv4-unsigned-signer.ts), sent over a keep-alive
 * pool (lean-http-request.ts), no middleware stack. Each byte is hashed once (the MD5 the
 * uploader computes anyway) where the SDK also hashes every buffered body with SHA-256 for the
 * signature; the store still refuses damaged bytes (BadDigest) because it checks Content-MD5.
 *
 * Failures are thrown untranslated, shaped like the SDK's (S3ResponseError, socket errors,
 * TimeoutError), for the store adapter to translate with the same readers as its SDK calls
 * (s3-error.ts). Only for stores whose preset allows unsigned payloads (provider-presets.ts
 * `unsignedPayload`); the SDK stays the path for every other call.
 */
export class LeanDataPath {
  private readonly address: (bucket: string, key: string) => ObjectAddress;
  private readonly pool: LeanConnectionPool;

  constructor(private readonly options: LeanDataPathOptions) {
    this.address = objectAddressing(options.client, options);
    this.pool = new LeanConnectionPool(
      options.maxSockets,
      options.stallTimeouts ?? DEFAULT_STALL_TIMEOUTS,
      options.agents,
    );
  }

  /** PutObject (AWS S3 API reference, PutObject): `PUT /{Key+}`. */
  async putObject(request: PutObjectRequest): Promise<LeanStored> {
    const answer = await this.put(request, {}, request.contentType);
    return { ETag: etagHeader(answer) };
  }

  /** UploadPart (AWS S3 API reference, UploadPart): `PUT /{Key+}?partNumber=N&uploadId=…`. */
  async uploadPart(request: UploadPartRequest): Promise<LeanStored> {
    const query = { partNumber: String(request.partNumber), uploadId: request.uploadId };
    const answer = await this.put(request, query, undefined);
    return { ETag: etagHeader(answer) };
  }

  /**
   * The SDK client's skew-corrected clock: `Date.now() + systemClockOffset`, the offset the
   * client keeps from its answers' Date headers (@aws-sdk/core AwsSdkSigV4Signer
   * `getSkewCorrectedDate` / `getUpdatedSystemClockOffset`), so both paths sign with one time.
   */
  private signingDate(): Date {
    const offset = (this.options.client.config as { systemClockOffset?: number }).systemClockOffset;
    return new Date(Date.now() + (offset ?? 0));
  }

  /** Closes the pooled connections. */
  close(): void {
    this.pool.close();
  }

  private async put(
    request: PutObjectRequest | UploadPartRequest,
    query: Record<string, string>,
    contentType: string | undefined,
  ): Promise<LeanAnswer> {
    const address = this.address(request.bucket, request.key);
    await request.pace?.(request.body.byteLength); // before the token: see the port's `pace`
    const credentials = await this.options.credentials();
    const headers = await signUnsignedPayload(
      {
        method: 'PUT',
        protocol: address.protocol,
        hostname: address.hostname,
        port: address.port,
        path: address.path,
        query,
        headers: {
          host: address.host,
          'content-length': String(request.body.byteLength),
          // RFC 1864: base64 of the 16-byte MD5 digest of the body.
          'content-md5': Buffer.from(request.md5Hex, 'hex').toString('base64'),
          ...(contentType ? { 'content-type': contentType } : {}),
        },
      },
      credentials,
      address.signingRegion,
      this.signingDate(),
    );
    return sendLeanRequest(
      {
        address,
        method: 'PUT',
        query,
        headers,
        body: request.body,
        onProgress: request.onProgress,
      },
      this.pool,
    );
  }
}

function etagHeader(answer: LeanAnswer): string | undefined {
  return answer.headers.etag;
}
