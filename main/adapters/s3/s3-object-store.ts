import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import type {
  CompletedPart,
  ListPage,
  MultipartRef,
  ObjectInfo,
  ObjectRef,
  ObjectStore,
  PutObjectRequest,
  StoredPart,
  UploadPartRequest,
} from '../../../app/ports/object-store.js';
import { sdkBodySender, type S3BodySender } from './s3-body-senders.js';
import { isS3NotFound, translateS3Error } from './s3-error.js';
import { listS3MultipartUploads } from './s3-multipart-uploads.js';

export interface S3ObjectStoreOptions {
  /** Signs every request with `tokens.get()`, once per request (see createS3Client). */
  readonly client: S3Client;
  /** Who sends PutObject/UploadPart bodies (s3-body-senders.ts); the SDK client by default. */
  readonly bodies?: S3BodySender;
}

/**
 * The ObjectStore port on the S3 API (AWS, CTyun, Ceph, MinIO). Every failure is translated at
 * this boundary, so the engine sees SyncErrors only; a rejected token is `access-denied`, which
 * the AuthRetryingStore around this store retries once with a fresh one. Bodies are buffers with
 * a Content-MD5, so the store itself rejects damaged bytes.
 */
export class S3ObjectStore implements ObjectStore {
  /** The S3 rule where the ETag has its shape (AWS, Ceph); opaque ETags are size-checked only. */
  readonly integrity = 's3-md5-of-md5s';

  private readonly bodies: S3BodySender;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.bodies = options.bodies ?? sdkBodySender(options.client);
  }

  async putObject(request: PutObjectRequest): Promise<{ readonly etag: string }> {
    const what = `PutObject ${request.key}`;
    checkMd5Hex(request.md5Hex, what);
    const answer = await this.call(what, () => this.bodies.putObject(request));
    return { etag: requireEtag(answer.ETag, what) };
  }

  async createMultipart(
    request: ObjectRef & { readonly contentType?: string },
  ): Promise<{ readonly uploadId: string }> {
    const what = `CreateMultipartUpload ${request.key}`;
    const answer = await this.call(what, () =>
      this.options.client.send(
        new CreateMultipartUploadCommand({
          Bucket: request.bucket,
          Key: request.key,
          ...(request.contentType ? { ContentType: request.contentType } : {}),
        }),
      ),
    );
    if (!answer.UploadId) throw missingField(what, 'an UploadId');
    return { uploadId: answer.UploadId };
  }

  async uploadPart(request: UploadPartRequest): Promise<{ readonly etag: string }> {
    const what = `UploadPart ${request.key} #${request.partNumber}`;
    checkMd5Hex(request.md5Hex, what);
    const answer = await this.call(what, () => this.bodies.uploadPart(request));
    return { etag: requireEtag(answer.ETag, what) };
  }

  async listParts(request: MultipartRef): Promise<readonly StoredPart[]> {
    const what = `ListParts ${request.key}`;
    const parts: StoredPart[] = [];
    // An upload may hold up to 10 000 parts; a page has at most 1 000.
    let marker: string | undefined;
    for (;;) {
      const answer = await this.call(what, () =>
        this.options.client.send(
          new ListPartsCommand({
            Bucket: request.bucket,
            Key: request.key,
            UploadId: request.uploadId,
            ...(marker ? { PartNumberMarker: marker } : {}),
          }),
        ),
      );
      for (const part of answer.Parts ?? []) {
        if (part.PartNumber === undefined) continue;
        parts.push({
          partNumber: part.PartNumber,
          etag: requireEtag(part.ETag, what),
          size: part.Size ?? 0,
        });
      }
      if (!answer.IsTruncated || !answer.NextPartNumberMarker) break;
      marker = answer.NextPartNumberMarker;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined }> {
    const what = `CompleteMultipartUpload ${request.key}`;
    // S3 wants ascending part numbers; parts finish (and are checkpointed) in any order.
    const parts = [...request.parts]
      .sort((a, b) => a.partNumber - b.partNumber)
      .map((part) => ({ PartNumber: part.partNumber, ETag: `"${part.etag}"` }));
    try {
      const answer = await this.call(what, () =>
        this.options.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: request.bucket,
            Key: request.key,
            UploadId: request.uploadId,
            MultipartUpload: { Parts: parts },
          }),
        ),
      );
      // Ceph answers <ETag></ETag>; the caller then reads the real one with head().
      return { etag: normalizeEtag(answer.ETag) };
    } catch (error) {
      if (!isSyncError(error)) throw error;
      throw await this.uploadGoneInstead(error, request, what);
    }
  }

  /**
   * Ceph answers Complete of an aborted or unknown upload with 500 InternalError ("This
   * multipart completion is already in progress"), which would be retried forever. When the
   * upload no longer exists, say so (`not-found`); a real transient failure stays retryable.
   */
  private async uploadGoneInstead(
    error: SyncError,
    upload: MultipartRef,
    what: string,
  ): Promise<SyncError> {
    if (error.code !== 'server-error' || error.disposition !== 'retry') return error;
    try {
      await this.listParts(upload);
      return error;
    } catch (probe) {
      if (!isSyncError(probe) || probe.code !== 'not-found') return error;
      return new SyncError(
        'not-found',
        'no-retry',
        `${what}: the upload no longer exists (aborted, or already completed).`,
        error.requestId ? { requestId: error.requestId } : {},
      );
    }
  }

  async abortMultipart(request: MultipartRef): Promise<void> {
    await this.call(`AbortMultipartUpload ${request.key}`, () =>
      this.options.client.send(
        new AbortMultipartUploadCommand({
          Bucket: request.bucket,
          Key: request.key,
          UploadId: request.uploadId,
        }),
      ),
    );
  }

  async head(request: ObjectRef): Promise<ObjectInfo | null> {
    const what = `HeadObject ${request.key}`;
    try {
      const answer = await this.options.client.send(
        new HeadObjectCommand({ Bucket: request.bucket, Key: request.key }),
      );
      return {
        key: request.key,
        etag: requireEtag(answer.ETag, what),
        size: answer.ContentLength ?? 0,
      };
    } catch (error) {
      if (isS3NotFound(error) && !isNoSuchBucket(error)) return null;
      throw translateS3Error(error, what);
    }
  }

  async list(request: {
    readonly bucket: string;
    readonly prefix: string;
    readonly continuationToken?: string;
  }): Promise<ListPage> {
    const what = `ListObjectsV2 ${request.prefix}`;
    const answer = await this.call(what, () =>
      this.options.client.send(
        new ListObjectsV2Command({
          Bucket: request.bucket,
          Prefix: request.prefix,
          ...(request.continuationToken ? { ContinuationToken: request.continuationToken } : {}),
        }),
      ),
    );
    const objects: ObjectInfo[] = [];
    for (const entry of answer.Contents ?? []) {
      if (entry.Key === undefined) continue;
      objects.push({
        key: entry.Key,
        etag: requireEtag(entry.ETag, what),
        size: entry.Size ?? 0,
      });
    }
    const next = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    return next ? { objects, nextContinuationToken: next } : { objects };
  }

  async delete(request: ObjectRef): Promise<void> {
    const what = `DeleteObject ${request.key}`;
    try {
      await this.options.client.send(
        new DeleteObjectCommand({ Bucket: request.bucket, Key: request.key }),
      );
    } catch (error) {
      // S3 answers 204 for a missing key; some stores answer 404, which means the same here.
      if (isS3NotFound(error) && !isNoSuchBucket(error)) return;
      throw translateS3Error(error, what);
    }
  }

  listMultipartUploads: ObjectStore['listMultipartUploads'] = (request) =>
    listS3MultipartUploads(this.options.client, request, (what, op) => this.call(what, op));

  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateS3Error(error, what);
    }
  }
}

const MD5_HEX = /^[0-9a-f]{32}$/i;

/** The port's MD5 must be 32 hex digits: the Content-MD5 header (RFC 1864) is its 16 bytes. */
function checkMd5Hex(md5Hex: string, what: string): void {
  if (!MD5_HEX.test(md5Hex)) {
    throw new SyncError('internal', 'fatal', `${what}: "${md5Hex}" is not a hex MD5 digest.`);
  }
}

/** `"ABC…"` → `abc…`; an empty or absent ETag → undefined. */
function normalizeEtag(raw: string | undefined): string | undefined {
  const etag = raw?.replace(/^"+|"+$/g, '').toLowerCase();
  return etag ? etag : undefined;
}

function requireEtag(raw: string | undefined, what: string): string {
  const etag = normalizeEtag(raw);
  if (etag === undefined) throw missingField(what, 'an ETag');
  return etag;
}

function missingField(what: string, field: string): SyncError {
  // A store quirk, not a transient failure: the same request gets the same answer.
  return new SyncError('server-error', 'no-retry', `${what}: the store answered without ${field}.`);
}

function isNoSuchBucket(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NoSuchBucket';
}
