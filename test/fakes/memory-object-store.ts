import { SyncError } from '../../app/errors/sync-error.js';
import type { Digest } from '../../app/ports/digest.js';
import { crc64 } from '../../app/transfer/crc64.js';
import type {
  CompletedPart,
  ListPage,
  MultipartIntegrity,
  MultipartRef,
  MultipartUploadInfo,
  MultipartUploadMarker,
  MultipartUploadPage,
  ObjectInfo,
  ObjectRef,
  ObjectStore,
  PutObjectRequest,
  StoredPart,
  StoredResult,
  UploadPartRequest,
} from '../../app/ports/object-store.js';
import { nodeDigest } from '../../main/adapters/digest/node-digest.js';

export type ObjectStoreMethod = Exclude<keyof ObjectStore, symbol>;

export interface StoredObject {
  readonly body: Uint8Array;
  readonly etag: string;
  readonly contentType: string | undefined;
}

export interface MemoryObjectStoreOptions {
  readonly digest?: Digest;
  /**
   * `crc64` behaves like Alibaba OSS: every answer carries the CRC-64 of what was stored, and a
   * multipart ETag is opaque — shaped like the S3 one (`<32 hex>-N`) but not md5(part md5s), so
   * a client that compares it fails. Default `s3-md5-of-md5s` (S3's rule).
   */
  readonly integrity?: MultipartIntegrity;
  /** Tests only: what the store reports as a CRC-64, given the real one (a store that lies). */
  readonly reportCrc64?: (actual: string, answer: CrcAnswer) => string;
  /** The store's clock, for the `initiatedAt` of uploads in progress (default Date.now). */
  readonly now?: () => number;
  /** Answer CompleteMultipartUpload with an empty ETag, as Ceph RGW does. */
  readonly emptyCompleteEtag?: boolean;
  /** Keys per list page (S3: 1000); small values exercise continuation. */
  readonly pageSize?: number;
  /** Smallest part other than the last (S3: 5 MiB); engine tests may lower it. */
  readonly minPartSize?: number;
}

/** Which answer carries a CRC-64 (OSS: PutObject, UploadPart, Complete and HEAD). */
export type CrcAnswer = 'putObject' | 'uploadPart' | 'completeMultipart' | 'head';

/** What a gate sees of a call it may hold. */
export interface GatedCall {
  readonly method: ObjectStoreMethod;
  readonly key: string;
}

interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string | undefined;
  readonly initiatedAt: number;
  readonly parts: Map<number, { readonly body: Uint8Array; readonly etag: string }>;
}

const MIB = 1024 * 1024;
const METHODS: readonly ObjectStoreMethod[] = [
  'putObject',
  'createMultipart',
  'uploadPart',
  'listParts',
  'completeMultipart',
  'abortMultipart',
  'head',
  'list',
  'delete',
  'listMultipartUploads',
];

/**
 * An in-memory bucket with S3 semantics (Content-MD5 checks, multipart part-size rules, the
 * `md5(concat(part md5s))-N` ETag), plus what tests need to script and observe it: scripted
 * failures, policy denials, call counters, a log of stored parts and a gate to hold calls.
 */
export class MemoryObjectStore implements ObjectStore {
  /** Stored objects by `bucket/key`. */
  readonly objects = new Map<string, StoredObject>();
  /** Calls per method, counted on entry (including ones that then fail). */
  readonly calls = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<
    ObjectStoreMethod,
    number
  >;
  /** Every part the store accepted, in order: proves a finished part was not sent again. */
  readonly partUploads: { uploadId: string; partNumber: number; size: number }[] = [];
  /** Awaited by every call before it acts (after being counted); hold it to test concurrency. */
  gate: ((call: GatedCall) => Promise<void>) | undefined;
  /** Calls currently inside the store, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;

  private readonly uploads = new Map<string, Upload>();
  private readonly failures = new Map<ObjectStoreMethod, SyncError[]>();
  private readonly denials: { pattern: RegExp; methods: readonly ObjectStoreMethod[] }[] = [];
  private readonly digest: Digest;
  private readonly pageSize: number;
  private readonly minPartSize: number;
  private uploadCounter = 0;
  readonly integrity: MultipartIntegrity;

  constructor(private readonly options: MemoryObjectStoreOptions = {}) {
    this.integrity = options.integrity ?? 's3-md5-of-md5s';
    this.digest = options.digest ?? nodeDigest;
    this.pageSize = options.pageSize ?? 1000;
    this.minPartSize = options.minPartSize ?? 5 * MIB;
  }

  /** The object at `bucket/key`, if any. */
  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(objectId(bucket, key));
  }

  /** The next `times` calls of `method` fail with `error` (queued after earlier scripts). */
  failNext(method: ObjectStoreMethod, error: SyncError, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.failures.set(method, queue);
  }

  /** Calls of `methods` on keys (for list: prefixes) matching `pattern` fail as a policy would. */
  denyKeysMatching(pattern: RegExp, methods: readonly ObjectStoreMethod[] = METHODS): void {
    this.denials.push({ pattern, methods });
  }

  /** Holds every call until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    this.gate = () => held;
    return () => {
      this.gate = undefined;
      release();
    };
  }

  putObject(request: PutObjectRequest): Promise<StoredResult> {
    return this.run('putObject', 'PutObject', request.key, async () => {
      await request.pace?.(request.body.byteLength); // the port's contract: a body paced once
      const etag = this.checkedMd5(request.body, request.md5Hex, `PutObject ${request.key}`);
      this.objects.set(objectId(request.bucket, request.key), {
        body: request.body.slice(),
        etag,
        contentType: request.contentType,
      });
      return { etag, ...this.crcOf(request.body, 'putObject') };
    });
  }

  createMultipart(
    request: ObjectRef & { readonly contentType?: string },
  ): Promise<{ readonly uploadId: string }> {
    return this.run('createMultipart', 'CreateMultipartUpload', request.key, () => {
      this.uploadCounter += 1;
      const uploadId = `upload-${this.uploadCounter}-${Math.random().toString(36).slice(2, 10)}`;
      this.uploads.set(uploadId, {
        bucket: request.bucket,
        key: request.key,
        contentType: request.contentType,
        initiatedAt: (this.options.now ?? Date.now)(),
        parts: new Map(),
      });
      return { uploadId };
    });
  }

  uploadPart(request: UploadPartRequest): Promise<StoredResult> {
    const what = `UploadPart ${request.key} #${request.partNumber}`;
    return this.run('uploadPart', 'UploadPart', request.key, async () => {
      await request.pace?.(request.body.byteLength);
      const upload = this.upload(request, what);
      const n = request.partNumber;
      if (!Number.isInteger(n) || n < 1 || n > 10_000) {
        throw refused(what, 'part numbers run from 1 to 10000 (InvalidArgument)');
      }
      const etag = this.checkedMd5(request.body, request.md5Hex, what);
      upload.parts.set(request.partNumber, { body: request.body.slice(), etag });
      this.partUploads.push({
        uploadId: request.uploadId,
        partNumber: request.partNumber,
        size: request.body.byteLength,
      });
      return { etag, ...this.crcOf(request.body, 'uploadPart') };
    });
  }

  listParts(request: MultipartRef): Promise<readonly StoredPart[]> {
    return this.run('listParts', 'ListParts', request.key, () => {
      const upload = this.upload(request, `ListParts ${request.key}`);
      return [...upload.parts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([partNumber, part]) => ({ partNumber, etag: part.etag, size: part.body.byteLength }));
    });
  }

  completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined; readonly crc64?: string }> {
    const what = `CompleteMultipartUpload ${request.key}`;
    return this.run('completeMultipart', 'CompleteMultipartUpload', request.key, () => {
      const upload = this.upload(request, what);
      const chosen = this.assemble(upload, request.parts, what);
      const s3Etag = `${this.digest.md5OfDigests(chosen.map((p) => p.etag))}-${chosen.length}`;
      // OSS-like: the same shape, other bytes (here the MD5 of the upload id).
      const etag =
        this.integrity === 'crc64'
          ? `${this.digest.md5Hex(new TextEncoder().encode(request.uploadId))}-${chosen.length}`
          : s3Etag;
      const body = concat(chosen.map((p) => p.body));
      this.objects.set(objectId(upload.bucket, upload.key), {
        body,
        etag,
        contentType: upload.contentType,
      });
      this.uploads.delete(request.uploadId);
      return {
        etag: this.options.emptyCompleteEtag ? undefined : etag,
        ...this.crcOf(body, 'completeMultipart'),
      };
    });
  }

  abortMultipart(request: MultipartRef): Promise<void> {
    return this.run('abortMultipart', 'AbortMultipartUpload', request.key, () => {
      this.upload(request, `AbortMultipartUpload ${request.key}`);
      this.uploads.delete(request.uploadId);
    });
  }

  head(request: ObjectRef): Promise<ObjectInfo | null> {
    return this.run('head', 'HeadObject', request.key, () => {
      const object = this.get(request.bucket, request.key);
      return object
        ? {
            key: request.key,
            etag: object.etag,
            size: object.body.byteLength,
            ...this.crcOf(object.body, 'head'),
          }
        : null;
    });
  }

  list(request: {
    readonly bucket: string;
    readonly prefix: string;
    readonly continuationToken?: string;
  }): Promise<ListPage> {
    return this.run('list', 'ListObjectsV2', request.prefix, () => {
      const start = request.continuationToken ? decodeToken(request.continuationToken) : undefined;
      const keys = [...this.objects.keys()]
        .filter((id) => id.startsWith(objectId(request.bucket, request.prefix)))
        .map((id) => id.slice(request.bucket.length + 1))
        .filter((key) => start === undefined || compareUtf8(key, start) > 0)
        // S3 lists in UTF-8 byte order, which differs from JS (UTF-16) order above U+FFFF.
        .sort(compareUtf8);
      const page = keys.slice(0, this.pageSize);
      const objects = page.map((key) => {
        const object = this.get(request.bucket, key) as StoredObject;
        return { key, etag: object.etag, size: object.body.byteLength };
      });
      const last = page.at(-1);
      return keys.length > page.length && last !== undefined
        ? { objects, nextContinuationToken: encodeToken(last) }
        : { objects };
    });
  }

  delete(request: ObjectRef): Promise<void> {
    return this.run('delete', 'DeleteObject', request.key, () => {
      this.objects.delete(objectId(request.bucket, request.key));
    });
  }

  listMultipartUploads(request: {
    readonly bucket: string;
    readonly prefix: string;
    readonly next?: MultipartUploadMarker;
  }): Promise<MultipartUploadPage> {
    return this.run('listMultipartUploads', 'ListMultipartUploads', request.prefix, () => {
      const after = request.next;
      // S3 order: by key (UTF-8 bytes), then by upload id; a page starts after the marker.
      const all: MultipartUploadInfo[] = [...this.uploads.entries()]
        .filter(([, u]) => u.bucket === request.bucket && u.key.startsWith(request.prefix))
        .map(([uploadId, u]) => ({ key: u.key, uploadId, initiatedAt: u.initiatedAt }))
        .sort((a, b) => compareUtf8(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : 1))
        .filter(
          (u) =>
            after === undefined ||
            compareUtf8(u.key, after.keyMarker) > 0 ||
            (u.key === after.keyMarker && u.uploadId > after.uploadIdMarker),
        );
      const uploads = all.slice(0, this.pageSize);
      const last = uploads.at(-1);
      return all.length > uploads.length && last
        ? { uploads, next: { keyMarker: last.key, uploadIdMarker: last.uploadId } }
        : { uploads };
    });
  }

  /** Counting, gate, scripted failures and denials, in the order a real call meets them. */
  private async run<T>(
    method: ObjectStoreMethod,
    action: string,
    key: string,
    act: () => T | Promise<T>,
  ): Promise<T> {
    this.calls[method] += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate({ method, key });
      const scripted = this.failures.get(method)?.shift();
      if (scripted) throw scripted;
      if (this.denials.some((d) => d.methods.includes(method) && d.pattern.test(key))) {
        throw new SyncError(
          'access-denied',
          'no-retry',
          `${action} ${key}: denied by the store (AccessDenied), even with fresh credentials.`,
          {
            hint: "The role's policy or the session policy does not allow this action on this key.",
          },
        );
      }
      return await act();
    } finally {
      this.inFlight -= 1;
    }
  }

  /** `{ crc64 }` in the OSS-like mode (as `options.reportCrc64` has it), else nothing. */
  private crcOf(body: Uint8Array, answer: CrcAnswer): { crc64?: string } {
    if (this.integrity !== 'crc64') return {};
    const actual = crc64(body);
    return { crc64: this.options.reportCrc64?.(actual, answer) ?? actual };
  }

  private upload(request: MultipartRef, what: string): Upload {
    const upload = this.uploads.get(request.uploadId);
    if (!upload || upload.bucket !== request.bucket || upload.key !== request.key) {
      throw new SyncError(
        'not-found',
        'no-retry',
        `${what}: the store has no such object or upload (HTTP 404 NoSuchUpload).`,
      );
    }
    return upload;
  }

  private checkedMd5(body: Uint8Array, md5Hex: string, what: string): string {
    const actual = this.digest.md5Hex(body);
    if (actual !== md5Hex.toLowerCase()) {
      throw new SyncError(
        'bad-digest',
        'retry',
        `${what}: the store received bytes that do not match their MD5 (BadDigest).`,
      );
    }
    return actual;
  }

  /** The parts Complete names, checked the way S3 checks them. */
  private assemble(upload: Upload, listed: readonly CompletedPart[], what: string) {
    if (listed.length === 0) throw refused(what, 'the part list is empty (MalformedXML)');
    const sorted = [...listed].sort((a, b) => a.partNumber - b.partNumber);
    const chosen = sorted.map((entry, index) => {
      if (sorted[index - 1]?.partNumber === entry.partNumber) {
        throw refused(what, `part ${entry.partNumber} is listed twice (InvalidPartOrder)`);
      }
      const part = upload.parts.get(entry.partNumber);
      if (!part || part.etag !== entry.etag.replace(/"/g, '').toLowerCase()) {
        throw refused(
          what,
          `part ${entry.partNumber} is missing from the upload or its ETag does not match (InvalidPart)`,
        );
      }
      return part;
    });
    chosen.slice(0, -1).forEach((part, index) => {
      if (part.body.byteLength < this.minPartSize) {
        throw refused(
          what,
          `part ${sorted[index]?.partNumber} is ${part.body.byteLength} bytes, below the ${this.minPartSize}-byte minimum for all but the last part (EntityTooSmall)`,
        );
      }
    });
    return chosen;
  }
}

function objectId(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

function refused(what: string, why: string): SyncError {
  return new SyncError('server-error', 'no-retry', `${what}: the store refused: ${why}.`);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// Opaque, like S3's: callers must not build tokens from keys.
function encodeToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}
