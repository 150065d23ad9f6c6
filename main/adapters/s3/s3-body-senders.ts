import { PutObjectCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';

import type { PutObjectRequest, UploadPartRequest } from '../../../app/ports/object-store.js';
import { LeanDataPath, type LeanDataPathOptions, type ProgressOption } from './lean-data-path.js';

/**
 * Who sends the bodies of PutObject and UploadPart for the S3 store: the SDK client, or the
 * lean path where the provider allows unsigned payloads. Both answer with the raw `ETag` header
 * (the SDK output's field), which the store normalises, and throw errors of the same shape
 * (the SDK's, or S3ResponseError built like them), which the store translates.
 */
export interface S3BodySender {
  putObject(
    request: PutObjectRequest & ProgressOption,
  ): Promise<{ readonly ETag?: string | undefined }>;
  uploadPart(
    request: UploadPartRequest & ProgressOption,
  ): Promise<{ readonly ETag?: string | undefined }>;
  /** Releases pooled connections (the SDK client's are released by the client's owner). */
  close(): void;
}

/** The SDK's PutObject / UploadPart (signed payload: the SDK hashes each buffered body with
 *  SHA-256 for SigV4, over HTTP and HTTPS alike). No byte-level progress. */
export function sdkBodySender(client: S3Client): S3BodySender {
  return {
    putObject: (request) =>
      client.send(
        new PutObjectCommand({
          Bucket: request.bucket,
          Key: request.key,
          Body: request.body,
          ContentLength: request.body.byteLength,
          ContentMD5: base64Md5(request.md5Hex),
          ...(request.contentType ? { ContentType: request.contentType } : {}),
        }),
      ),
    uploadPart: (request) =>
      client.send(
        new UploadPartCommand({
          Bucket: request.bucket,
          Key: request.key,
          UploadId: request.uploadId,
          PartNumber: request.partNumber,
          Body: request.body,
          ContentLength: request.body.byteLength,
          ContentMD5: base64Md5(request.md5Hex),
        }),
      ),
    close: () => undefined,
  };
}

/**
 * The lean path where the provider preset says the store takes UNSIGNED-PAYLOAD
 * (provider-presets.ts `unsignedPayload`), the SDK otherwise.
 */
export function s3BodySender(unsignedPayload: boolean, options: LeanDataPathOptions): S3BodySender {
  return unsignedPayload ? new LeanDataPath(options) : sdkBodySender(options.client);
}

/** The Content-MD5 header (RFC 1864): base64 of the 16-byte digest. The store has checked
 *  that `md5Hex` is 32 hex digits before a sender sees it. */
function base64Md5(md5Hex: string): string {
  return Buffer.from(md5Hex, 'hex').toString('base64');
}
