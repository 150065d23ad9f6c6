import { SyncError } from '../errors/sync-error.js';

/** A multipart upload holds at most 10,000 parts, each at most 5 GiB (AWS S3 "Amazon S3
 *  multipart upload limits"; Alibaba OSS CompleteMultipartUpload / UploadPart: 1–10,000 parts;
 *  MinIO "Thresholds and Limits": 10,000 parts of 5 MiB–5 GiB; read 2026-11-30). */
export const MAX_PARTS = 10_000;
export const MAX_PART_BYTES = 5 * 1024 ** 3;

const MiB = 1024 * 1024;

/**
 * The part size for one file: the configured one, raised — in whole MiB — just enough that the
 * file needs no more than 10,000 parts (at the 8 MiB default a file over ~78 GiB would fail on
 * part 10,001). Pure, so a resumed upload computes the same size its checkpoint recorded.
 * Throws `unsupported` (no-retry) for a file no store can take in 10,000 parts of 5 GiB.
 */
export function partSizeFor(fileSize: number, configuredPartSize: number): number {
  if (Math.ceil(fileSize / configuredPartSize) <= MAX_PARTS) return configuredPartSize;
  const raised = Math.ceil(fileSize / MAX_PARTS / MiB) * MiB;
  if (raised > MAX_PART_BYTES) {
    throw new SyncError(
      'unsupported',
      'no-retry',
      `The file is ${fileSize} bytes; object storage takes at most ${MAX_PARTS} parts of 5 GiB in one upload.`,
      { hint: 'Split the file, or exclude it in .ferryignore.' },
    );
  }
  return raised;
}

/** "96 MiB": a part size for notes and logs. */
export function formatPartSize(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}
