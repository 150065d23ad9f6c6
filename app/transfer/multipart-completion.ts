import { SyncError, isSyncError } from '../errors/sync-error.js';
import type { MultipartCheckpoint } from '../ports/journal.js';
import type { MultipartIntegrity, ObjectInfo } from '../ports/object-store.js';
import { withRetries, type RetryOptions } from '../retry/with-retries.js';
import { expectedCrc64, sameCrc64 } from './multipart-integrity.js';
import type { UploadDependencies, UploadTarget } from './upload-target.js';

/** The S3 multipart ETag shape: md5 of the part md5s, a dash, the part count. */
const S3_MULTIPART_ETAG = /^[0-9a-f]{32}-\d+$/;
/** A single PUT's ETag on S3, Ceph and OSS: the body's MD5. */
const PLAIN_MD5_ETAG = /^[0-9a-f]{32}$/;

/**
 * Retries of Complete and of the verifying HEAD inside one upload attempt. Short: they only have
 * to outlast a reset connection or a 503 burst; a longer outage ends the attempt, and the next
 * attempt still finds the finished object through the checkpoint (see `finishedEarlier`).
 */
const STEP_RETRY: Omit<RetryOptions, 'clock' | 'random'> = {
  backoff: { baseMs: 500, maxMs: 4_000 },
  maxAttempts: 4,
  failOnFatalCredentials: true,
};

export interface CompletedUpload {
  readonly etag: string;
  readonly md5: null;
  readonly partsReused: number;
}

/**
 * Completes an upload whose parts are all stored, and checks what the store assembled.
 *
 * A Complete the store carried out is never followed by a new upload of the same bytes
 * (issue 11: one failed verifying HEAD cost CreateMultipartUpload ×2 and every part again):
 * - Complete and the HEAD after it are retried here, on their own;
 * - when Complete's answer was lost (the connection broke after the request was sent), the
 *   retried Complete finds no upload: S3 answers NoSuchUpload for an upload that was completed
 *   (AWS S3 API reference, CompleteMultipartUpload, "Error code NoSuchUpload", read 2026-11-30;
 *   Ceph answers 500 and the S3 adapter turns that into `not-found` after a ListParts probe).
 *   The object then says whether it is ours: size and, where comparable, the ETag;
 * - the checkpoint is forgotten only once the object is verified (or proven not ours), so an
 *   attempt that ends before that lets the next one find the object (`finishedEarlier`).
 */
export async function completeAndVerify(
  dependencies: UploadDependencies,
  target: UploadTarget,
  checkpoint: Pick<MultipartCheckpoint, 'uploadId' | 'size' | 'parts'>,
  partsReused: number,
): Promise<CompletedUpload> {
  const { store, journal } = dependencies;
  const ref = { bucket: target.bucket, key: target.remoteKey };
  const parts = [...checkpoint.parts].sort((a, b) => a.partNumber - b.partNumber);
  const expected = expectedEtag(dependencies, checkpoint);
  const expectedCrc = expectedCrc64(store.integrity, parts);
  let answered: string | undefined;
  let answeredCrc: string | undefined;
  let uploadGone = false;
  try {
    const completed = await step(dependencies, () =>
      store.completeMultipart({
        ...ref,
        uploadId: checkpoint.uploadId,
        parts: parts.map(({ partNumber, etag }) => ({ partNumber, etag })),
      }),
    );
    answered = completed.etag;
    answeredCrc = completed.crc64;
  } catch (error) {
    if (!(isSyncError(error) && error.code === 'not-found')) throw error;
    uploadGone = true;
  }
  const head = await step(dependencies, () => store.head(ref));
  // Ceph answers Complete with an empty ETag; HeadObject has the real one.
  const etag = answered ?? head?.etag;
  // OSS: the CRC-64 of exactly our bytes proves the object whether or not Complete answered.
  const crc = answeredCrc ?? head?.crc64;
  const verdict =
    store.integrity === 'crc64'
      ? sameCrc64(head, crc, checkpoint.size, expectedCrc)
      : uploadGone
        ? goneUploadIsOurs(head, checkpoint.size, expected)
        : assembledAsSent(head, etag, checkpoint.size, expected, store.integrity);
  // Verified, or proven not ours: either way this upload id can no longer be resumed.
  journal.deleteCheckpoint(target.folderId, target.relativePath);
  if (!verdict || etag === undefined) {
    throw new SyncError(
      'bad-digest',
      'retry',
      uploadGone
        ? `${target.relativePath}: the multipart upload disappeared before it was completed (size ${head?.size ?? 'none'} of ${checkpoint.size}, ETag ${head?.etag ?? 'none'}).`
        : `${target.relativePath}: the store assembled an object that does not match what was sent (size ${head?.size ?? 'unknown'} of ${checkpoint.size}, ${
            store.integrity === 'crc64'
              ? `CRC-64 ${crc ?? 'none'}, expected ${expectedCrc ?? 'unknown'}`
              : `ETag ${etag ?? 'none'}, expected ${expected}`
          }).`,
      { hint: 'Ferry uploads it again.' },
    );
  }
  return { etag, md5: null, partsReused };
}

/**
 * An earlier attempt sent every part and possibly Complete, and the upload no longer exists
 * (ListParts: `not-found`): if the object at the key is exactly what the checkpoint describes,
 * that Complete succeeded and nothing is sent again. Only an ETag that proves it counts here
 * (the S3 rule); an opaque one cannot tell our object from an older one of the same size.
 */
export async function finishedEarlier(
  dependencies: UploadDependencies,
  target: UploadTarget,
  checkpoint: MultipartCheckpoint,
  partCount: number,
): Promise<CompletedUpload | undefined> {
  if (checkpoint.parts.length !== partCount) return undefined;
  const head = await step(dependencies, () =>
    dependencies.store.head({ bucket: target.bucket, key: target.remoteKey }),
  );
  const { integrity } = dependencies.store;
  const proven =
    integrity === 'crc64'
      ? sameCrc64(head, head?.crc64, checkpoint.size, expectedCrc64(integrity, checkpoint.parts))
      : head !== null &&
        head.size === checkpoint.size &&
        head.etag === expectedEtag(dependencies, checkpoint);
  if (!proven || head === null) return undefined;
  dependencies.journal.deleteCheckpoint(target.folderId, target.relativePath);
  return { etag: head.etag, md5: null, partsReused: partCount };
}

function expectedEtag(
  dependencies: UploadDependencies,
  checkpoint: Pick<MultipartCheckpoint, 'parts'>,
): string {
  const parts = [...checkpoint.parts].sort((a, b) => a.partNumber - b.partNumber);
  return `${dependencies.digest.md5OfDigests(parts.map((p) => p.md5))}-${parts.length}`;
}

/**
 * Every part's bytes were checked by the store against its Content-MD5. The assembled object is
 * checked by size, and by ETag where the store uses the S3 rule md5(part md5s)-N (AWS, Ceph).
 * Elsewhere (MinIO; OSS verifies by CRC-64 instead) a multipart ETag is opaque: not comparable,
 * even when it looks like the S3 one (OSS's do).
 */
function assembledAsSent(
  head: ObjectInfo | null,
  etag: string | undefined,
  size: number,
  expected: string,
  integrity: MultipartIntegrity,
): boolean {
  if (head === null || head.size !== size || etag === undefined) return false;
  if (integrity !== 's3-md5-of-md5s') return true;
  return !(S3_MULTIPART_ETAG.test(etag) && etag !== expected);
}

/**
 * After a lost Complete answer the upload is gone: completed by us, or aborted by someone else
 * while an older object may sit at the key. Stricter than `assembledAsSent`: a plain MD5 ETag is
 * a single PUT's object, never our multipart one.
 */
function goneUploadIsOurs(head: ObjectInfo | null, size: number, expected: string): boolean {
  if (head === null || head.size !== size) return false;
  if (head.etag === expected) return true;
  return !S3_MULTIPART_ETAG.test(head.etag) && !PLAIN_MD5_ETAG.test(head.etag);
}

function step<T>(dependencies: UploadDependencies, operation: () => Promise<T>): Promise<T> {
  return withRetries(operation, {
    ...STEP_RETRY,
    clock: dependencies.clock,
    // Jitter only spreads retries out; it needs no seeded source.
    random: Math.random,
  });
}
