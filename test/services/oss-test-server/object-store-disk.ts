import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { Crc64 } from './crc64.js';

/**
 * Objects and multipart parts of the test bucket, as files in a directory; the index (keys,
 * ETags, CRCs, metadata) lives in memory for the server's lifetime. A body is first "staged"
 * (written to a temporary file while its MD5 and CRC-64 are computed) so the caller can check
 * Content-MD5 before anything becomes visible, as OSS does.
 */

export interface StagedBody {
  readonly path: string;
  readonly size: number;
  readonly md5: Buffer;
  readonly crc64: string;
}

export interface ObjectMetadata {
  readonly contentType: string;
  /** `x-oss-meta-*` headers, names lower-cased without the prefix. */
  readonly userMeta: Readonly<Record<string, string>>;
}

export interface StoredObject extends ObjectMetadata {
  readonly key: string;
  readonly size: number;
  /** Upper-case hex without quotes: the MD5, or `md5(part md5s)-N` after a multipart upload. */
  readonly etag: string;
  readonly crc64: string;
  readonly lastModified: Date;
  readonly type: 'Normal' | 'Multipart';
  readonly path: string;
}

export interface StoredPart {
  readonly partNumber: number;
  readonly size: number;
  readonly md5: Buffer;
  readonly etag: string;
  readonly crc64: string;
  readonly lastModified: Date;
  readonly path: string;
}

export interface MultipartUpload extends ObjectMetadata {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: Date;
  readonly parts: Map<number, StoredPart>;
}

/** OSS orders keys by their UTF-8 bytes, which differs from JavaScript's UTF-16 order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function hashingTap(md5: ReturnType<typeof createHash> | undefined, crc: Crc64) {
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      md5?.update(chunk);
      crc.update(chunk);
      done(null, chunk);
    },
  });
  return { tap, size: () => size };
}

export class DiskObjectStore {
  private readonly index = new Map<string, StoredObject>();
  private readonly multipart = new Map<string, MultipartUpload>();

  private constructor(
    readonly root: string,
    private readonly ownsRoot: boolean,
  ) {}

  /** Uses `dataDir`, or a fresh temporary directory that close() removes. */
  static async open(dataDir?: string): Promise<DiskObjectStore> {
    const root = dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-oss-test-')));
    await Promise.all(
      ['staging', 'objects', 'parts'].map((dir) => mkdir(join(root, dir), { recursive: true })),
    );
    return new DiskObjectStore(root, dataDir === undefined);
  }

  /** Writes a request body to a temporary file, hashing it on the way. */
  async stage(body: Readable): Promise<StagedBody> {
    const path = join(this.root, 'staging', randomUUID());
    const md5 = createHash('md5');
    const crc = new Crc64();
    const { tap, size } = hashingTap(md5, crc);
    try {
      await pipeline(body, tap, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, size: size(), md5: md5.digest(), crc64: crc.digest() };
  }

  async discard(staged: StagedBody): Promise<void> {
    await rm(staged.path, { force: true });
  }

  object(key: string): StoredObject | undefined {
    return this.index.get(key);
  }

  /** Every object, in OSS listing order. */
  objects(): StoredObject[] {
    return [...this.index.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Makes a staged body the object `key`, replacing any previous version. */
  async commitObject(key: string, staged: StagedBody, meta: ObjectMetadata): Promise<StoredObject> {
    return this.install(key, staged.path, {
      ...meta,
      size: staged.size,
      etag: staged.md5.toString('hex').toUpperCase(),
      crc64: staged.crc64,
      type: 'Normal',
    });
  }

  private async install(
    key: string,
    stagedPath: string,
    fields: Omit<StoredObject, 'key' | 'path' | 'lastModified'>,
  ): Promise<StoredObject> {
    const path = join(this.root, 'objects', randomUUID());
    await rename(stagedPath, path);
    const previous = this.index.get(key);
    const stored: StoredObject = { ...fields, key, path, lastModified: new Date() };
    this.index.set(key, stored);
    // Unlinking is safe even while a GET still streams the old file (POSIX keeps it readable).
    if (previous) await unlink(previous.path).catch(() => undefined);
    return stored;
  }

  /** The object's bytes, or the inclusive byte range [start, end]. */
  read(object: StoredObject, range?: { start: number; end: number }): Readable {
    return createReadStream(object.path, range);
  }

  async deleteObject(key: string): Promise<void> {
    const previous = this.index.get(key);
    this.index.delete(key);
    if (previous) await unlink(previous.path).catch(() => undefined);
  }

  createUpload(key: string, meta: ObjectMetadata): MultipartUpload {
    const upload: MultipartUpload = {
      ...meta,
      uploadId: randomUUID().replace(/-/g, '').toUpperCase(),
      key,
      initiated: new Date(),
      parts: new Map(),
    };
    this.multipart.set(upload.uploadId, upload);
    return upload;
  }

  upload(uploadId: string): MultipartUpload | undefined {
    return this.multipart.get(uploadId);
  }

  uploads(): MultipartUpload[] {
    return [...this.multipart.values()].sort(
      (a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime(),
    );
  }

  /** Stores a staged body as part `partNumber`, replacing an earlier upload of that number. */
  async commitPart(upload: MultipartUpload, partNumber: number, staged: StagedBody) {
    const path = join(this.root, 'parts', randomUUID());
    await rename(staged.path, path);
    const part: StoredPart = {
      partNumber,
      size: staged.size,
      md5: staged.md5,
      etag: staged.md5.toString('hex').toUpperCase(),
      crc64: staged.crc64,
      lastModified: new Date(),
      path,
    };
    const previous = upload.parts.get(partNumber);
    upload.parts.set(partNumber, part);
    if (previous) await unlink(previous.path).catch(() => undefined);
    return part;
  }

  /**
   * Joins the chosen parts into the object. The CRC-64 is that of the whole object, which is
   * what OSS returns after CompleteMultipartUpload. The ETag has the `<32 hex>-N` shape but is
   * deliberately NOT S3's MD5-of-part-MD5s: OSS documents the multipart ETag as opaque (not the
   * object's MD5; CompleteMultipartUpload doc), and rclone disables its multipart-ETag check
   * for Alibaba ("Alibaba seems to calculate multipart Etags differently from AWS"). A client
   * that verifies it with the S3 rule must fail here as it would on real OSS.
   */
  async completeUpload(
    upload: MultipartUpload,
    parts: readonly StoredPart[],
  ): Promise<StoredObject> {
    const stagedPath = join(this.root, 'staging', randomUUID());
    const crc = new Crc64();
    const { tap, size } = hashingTap(undefined, crc);
    async function* concatenated() {
      for (const part of parts) yield* createReadStream(part.path);
    }
    await pipeline(concatenated, tap, createWriteStream(stagedPath));
    const etag = createHash('md5')
      .update(`oss-test-server multipart ${upload.uploadId}`)
      .update(Buffer.concat(parts.map((part) => part.md5)))
      .digest('hex')
      .toUpperCase();
    const stored = await this.install(upload.key, stagedPath, {
      contentType: upload.contentType,
      userMeta: upload.userMeta,
      size: size(),
      etag: `${etag}-${parts.length}`,
      crc64: crc.digest(),
      type: 'Multipart',
    });
    await this.abortUpload(upload);
    return stored;
  }

  /** Forgets the upload and deletes its parts. */
  async abortUpload(upload: MultipartUpload): Promise<void> {
    this.multipart.delete(upload.uploadId);
    await Promise.all([...upload.parts.values()].map((part) => rm(part.path, { force: true })));
  }

  async close(): Promise<void> {
    if (this.ownsRoot) await rm(this.root, { recursive: true, force: true });
  }
}
