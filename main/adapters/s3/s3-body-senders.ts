import { PutObjectCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';

import type { PutObjectRequest, UploadPartRequest } from '../../../app/ports/object-store.js';
import { LeanDataPath, type LeanDataPathOptions } from './lean-data-path.js';
import { S3ResponseError } from './s3-error-response.js';

/**
 * Who sends the bodies of PutObject and UploadPart for the S3 store: the SDK client, or the
 * lean path where the provider allows unsigned payloads. Both answer with the raw `ETag` header
 * (the SDK output's field), which the store normalises, and throw errors of the same shape
 * (the SDK's, or S3ResponseError built like them), which the store translates.
 */
export interface S3BodySender {
  putObject(request: PutObjectRequest): Promise<{ readonly ETag?: string | undefined }>;
  uploadPart(request: UploadPartRequest): Promise<{ readonly ETag?: string | undefined }>;
  /** Releases pooled connections (the SDK client's are released by the client's owner). */
  close(): void;
}

/** The SDK's PutObject / UploadPart (signed payload: the SDK hashes each buffered body with
 *  SHA-256 for SigV4, over HTTP and HTTPS alike). No byte-level progress; the body is paced
 *  before the request (the port's `pace`), and the SDK fetches the token after. */
export function sdkBodySender(client: S3Client): S3BodySender {
  return {
    putObject: async (request) => {
      await request.pace?.(request.body.byteLength);
      return client.send(
        new PutObjectCommand({
          Bucket: request.bucket,
          Key: request.key,
          Body: request.body,
          ContentLength: request.body.byteLength,
          ContentMD5: base64Md5(request.md5Hex),
          ...(request.contentType ? { ContentType: request.contentType } : {}),
        }),
      );
    },
    uploadPart: async (request) => {
      await request.pace?.(request.body.byteLength);
      return client.send(
        new UploadPartCommand({
          Bucket: request.bucket,
          Key: request.key,
          UploadId: request.uploadId,
          PartNumber: request.partNumber,
          Body: request.body,
          ContentLength: request.body.byteLength,
          ContentMD5: base64Md5(request.md5Hex),
        }),
      );
    },
    close: () => undefined,
  };
}

/**
 * The lean path where the provider preset says the store takes UNSIGNED-PAYLOAD
 * (provider-presets.ts `unsignedPayload`), falling back to the SDK if the store proves it does
 * not; the SDK otherwise.
 */
export function s3BodySender(unsignedPayload: boolean, options: LeanDataPathOptions): S3BodySender {
  const sdk = sdkBodySender(options.client);
  return unsignedPayload ? new LeanWithFallback(new LeanDataPath(options), sdk) : sdk;
}

/**
 * The lean path until the store refuses an unsigned payload, then the SDK for good. A store
 * without UNSIGNED-PAYLOAD compares the literal with the body's SHA-256 and refuses:
 * `XAmzContentSHA256Mismatch` (S3's own name for that mismatch, AWS S3 error responses),
 * `SignatureDoesNotMatch`, or `NotImplemented`. The same body is then sent once through the SDK
 * (signed payload): only if that succeeds is the store known to need signed payloads and the
 * switch made, so a wrong secret (which fails both ways) surfaces the SDK's error and switches
 * nothing. The presets name the stores known to take unsigned payloads; this keeps a generic
 * S3-compatible store that does not working, at one extra request once.
 */
export class LeanWithFallback implements S3BodySender {
  private signedOnly = false;

  constructor(
    readonly lean: S3BodySender,
    readonly sdk: S3BodySender,
  ) {}

  /** Whether the store has shown it needs signed payloads (every body goes through the SDK). */
  get usesSdk(): boolean {
    return this.signedOnly;
  }

  putObject: S3BodySender['putObject'] = (request) => this.send((to) => to.putObject(request));
  uploadPart: S3BodySender['uploadPart'] = (request) => this.send((to) => to.uploadPart(request));

  close(): void {
    this.lean.close();
    this.sdk.close();
  }

  private async send<T>(operation: (sender: S3BodySender) => Promise<T>): Promise<T> {
    if (this.signedOnly) return operation(this.sdk);
    try {
      return await operation(this.lean);
    } catch (error) {
      if (!refusesUnsignedPayload(error)) throw error;
      const answer = await operation(this.sdk);
      this.signedOnly = true;
      return answer;
    }
  }
}

const UNSIGNED_PAYLOAD_REFUSALS = new Set([
  'XAmzContentSHA256Mismatch',
  'SignatureDoesNotMatch',
  'NotImplemented',
]);

function refusesUnsignedPayload(error: unknown): boolean {
  return error instanceof S3ResponseError && UNSIGNED_PAYLOAD_REFUSALS.has(error.name);
}

/** The Content-MD5 header (RFC 1864): base64 of the 16-byte digest. The store has checked
 *  that `md5Hex` is 32 hex digits before a sender sees it. */
function base64Md5(md5Hex: string): string {
  return Buffer.from(md5Hex, 'hex').toString('base64');
}
