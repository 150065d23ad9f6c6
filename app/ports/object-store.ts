/**
 * An object store bucket (S3 API or OSS). Every method signs with the current temporary
 * credentials and, on an auth error, refreshes once and retries once (withAuthRetry) before
 * failing. Failures are SyncErrors: `access-denied` (no-retry: the policy forbids it),
 * `not-found` (no-retry), `bad-digest` (retry: the bytes were damaged on the way),
 * `network` / `server-error` (retry), `credentials-unavailable` and the source's codes.
 * ETags are returned without quotes, lower-case. Keys are used exactly as given (never
 * normalised here: object-key.ts decides them).
 */
export interface ObjectStore {
  /** Single PUT; the store checks the body against `md5Hex` (Content-MD5). */
  putObject(request: PutObjectRequest): Promise<{ readonly etag: string }>;
  createMultipart(
    request: ObjectRef & { readonly contentType?: string },
  ): Promise<{ readonly uploadId: string }>;
  /** Parts are 1-based; every part but the last at least 5 MiB. Checked against `md5Hex`. */
  uploadPart(request: UploadPartRequest): Promise<{ readonly etag: string }>;
  /** The parts the store holds for an upload; `not-found` if the upload no longer exists. */
  listParts(request: MultipartRef): Promise<readonly StoredPart[]>;
  /** Parts may be given in any order. Returns the store's ETag, or undefined when the store
   *  answers with an empty one (Ceph). */
  completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined }>;
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
}

export interface UploadPartRequest extends MultipartRef {
  readonly partNumber: number;
  readonly body: Uint8Array;
  readonly md5Hex: string;
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
}

export interface ListPage {
  readonly objects: readonly ObjectInfo[];
  readonly nextContinuationToken?: string;
}
