/**
 * An object store bucket (S3 API or OSS). Every request is signed with the token a
 * TokenProvider hands out at that moment (fetched once per request). Adapters do not retry: a
 * store rejecting the credentials fails with `access-denied`, and the AuthRetryingStore
 * (app/transfer/auth-retrying-store.ts) wrapped around every adapter refreshes once and retries
 * once; so `access-denied` must mean "a new token could help or the policy forbids it", never a
 * refusal of the clock (`clock-skewed`), the rate (`throttled`) or the signature version.
 * Failures are SyncErrors: `access-denied` (no-retry: the policy forbids it),
 * `not-found` (no-retry), `bad-digest` (retry: the bytes were damaged on the way),
 * `network` / `server-error` (retry), `credentials-unavailable` and the source's codes.
 * ETags are returned without quotes, lower-case. Keys are used exactly as given (never
 * normalised here: object-key.ts decides them).
 *
 * Integrity: every body is sent with its Content-MD5, which the store checks. What the assembled
 * result of a multipart upload can be checked against depends on the store (`integrity`); stores
 * that compute OSS's CRC-64 return it as `crc64` (an unsigned decimal string, as OSS prints
 * `x-oss-hash-crc64ecma`) wherever they answer with one.
 */
export interface ObjectStore {
  /** How a finished multipart object can be verified (see MultipartIntegrity). */
  readonly integrity: MultipartIntegrity;
  /** Single PUT; the store checks the body against `md5Hex` (Content-MD5). */
  putObject(request: PutObjectRequest): Promise<StoredResult>;
  createMultipart(
    request: ObjectRef & { readonly contentType?: string },
  ): Promise<{ readonly uploadId: string }>;
  /** Parts are 1-based; every part but the last at least 5 MiB. Checked against `md5Hex`. */
  uploadPart(request: UploadPartRequest): Promise<StoredResult>;
  /** The parts the store holds for an upload; `not-found` if the upload no longer exists. */
  listParts(request: MultipartRef): Promise<readonly StoredPart[]>;
  /** Parts may be given in any order. Returns the store's ETag, or undefined when the store
   *  answers with an empty one (Ceph), and the whole object's CRC-64 where the store gives it. */
  completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined; readonly crc64?: string }>;
  /** `not-found` when the upload does not exist (any more). */
  abortMultipart(request: MultipartRef): Promise<void>;
  /** null when there is no such object. */
  head(request: ObjectRef): Promise<ObjectInfo | null>;
  /** One page of keys under a prefix. */
  list(request: {
    readonly bucket: string;
    readonly prefix: string;
    readonly continuationToken?: string;
  }): Promise<ListPage>;
  /** Deleting a missing key succeeds (S3 semantics). */
  delete(request: ObjectRef): Promise<void>;
  /**
   * One page of the multipart uploads in progress (started, neither completed nor aborted) whose
   * key starts with `prefix`, in key order (S3 ListMultipartUploads, OSS ListMultipartUploads);
   * pass the page's `next` back to get the following one. `access-denied` where the policy does
   * not grant s3:ListBucketMultipartUploads / oss:ListMultipartUploads: callers treat listing as
   * optional. Used to find uploads whose CreateMultipartUpload answer never arrived (orphans).
   */
  listMultipartUploads(request: ListMultipartUploadsRequest): Promise<MultipartUploadPage>;
}

export interface ListMultipartUploadsRequest {
  readonly bucket: string;
  readonly prefix: string;
  readonly next?: MultipartUploadMarker;
}

/** An upload in progress, as ListMultipartUploads reports it. */
export interface MultipartUploadInfo {
  readonly key: string;
  readonly uploadId: string;
  /** When the store says it was started (its clock, ms since the epoch). */
  readonly initiatedAt: number;
}

/** Where the next page starts (S3 and OSS page by key marker and upload id marker). */
export interface MultipartUploadMarker {
  readonly keyMarker: string;
  readonly uploadIdMarker: string;
}

export interface MultipartUploadPage {
  readonly uploads: readonly MultipartUploadInfo[];
  readonly next?: MultipartUploadMarker;
}

/**
 * What a store lets the client verify about an object it assembled from parts:
 * - `s3-md5-of-md5s`: the ETag is `md5(concat(part md5s))-N` when it has that shape (AWS S3,
 *   Ceph RGW); other shapes (SSE-KMS, MinIO's) are opaque and only the size is checked.
 * - `crc64`: the ETag is opaque by specification (Alibaba OSS: "the ETag of a multipart object
 *   is not its MD5"); the store returns the object's CRC-64, which the client computes from the
 *   part CRCs (app/transfer/crc64.ts).
 * - `size-only`: nothing but the size can be compared.
 */
export type MultipartIntegrity = 's3-md5-of-md5s' | 'crc64' | 'size-only';

/** A stored body (single PUT or part): its ETag and, from CRC-64 stores, its CRC-64. */
export interface StoredResult {
  readonly etag: string;
  readonly crc64?: string;
}

export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface MultipartRef extends ObjectRef {
  readonly uploadId: string;
}

export interface PutObjectRequest extends ObjectRef {
  readonly body: Uint8Array;
  readonly md5Hex: string;
  readonly contentType?: string;
  /** The bytes of the body handed to the network so far (a growing total, not a delta), from
   *  stores that can tell (the S3 lean path); others may never call it. A request sent again
   *  (new connection, refreshed token) reports from 0 again: the latest figure is the one. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
  /** The bandwidth limit. When given, the store awaits `pace(body length)` before it fetches
   *  the token and signs the request, each time it sends the body (a body sent again is paced
   *  again). Not per slice while sending: a share granted mid-request lets a short-lived token
   *  expire between the signature and the last byte (seen on Ceph RGW and OSS with 1-3 s STS
   *  tokens: the part was refused twice, even after a refresh). */
  readonly pace?: ((bytes: number) => Promise<void>) | undefined;
}

export interface UploadPartRequest extends MultipartRef {
  readonly partNumber: number;
  readonly body: Uint8Array;
  readonly md5Hex: string;
  /** The bytes of the body handed to the network so far (a growing total, not a delta), from
   *  stores that can tell (the S3 lean path); others may never call it. A request sent again
   *  (new connection, refreshed token) reports from 0 again: the latest figure is the one. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
  /** The bandwidth limit. When given, the store awaits `pace(body length)` before it fetches
   *  the token and signs the request, each time it sends the body (a body sent again is paced
   *  again). Not per slice while sending: a share granted mid-request lets a short-lived token
   *  expire between the signature and the last byte (seen on Ceph RGW and OSS with 1-3 s STS
   *  tokens: the part was refused twice, even after a refresh). */
  readonly pace?: ((bytes: number) => Promise<void>) | undefined;
}

export interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
}

export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
}

export interface ObjectInfo {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  /** The object's CRC-64 (decimal), from stores that report it on HEAD (OSS). */
  readonly crc64?: string;
}

export interface ListPage {
  readonly objects: readonly ObjectInfo[];
  readonly nextContinuationToken?: string;
}
