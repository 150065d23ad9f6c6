import { SyncError, isSyncError, toSyncError } from '../errors/sync-error.js';
import type { FileStat, OpenFile } from '../ports/file-system.js';
import type { CheckpointPart, MultipartCheckpoint } from '../ports/journal.js';
import {
  completeAndVerify,
  finishedEarlier,
  type CompletedUpload,
} from './multipart-completion.js';
import { partCrcMismatch, partsUsableFor } from './multipart-integrity.js';
import { partSizeFor } from './part-size.js';
import { UploadProgress } from './upload-progress.js';
import {
  vanishedOrUnreadable,
  type UploadDependencies,
  type UploadTarget,
} from './upload-target.js';

export interface MultipartOptions {
  readonly partSize: number;
  readonly partConcurrency: number;
}

type PartResult = CheckpointPart;

/**
 * Our own multipart loop (DESIGN.md §4: lib-storage cannot resume an existing UploadId).
 * Each part is signed with whatever token is current when it is sent, so uploads outlive token
 * rotation; each confirmed part is checkpointed in the journal, so after a crash or restart the
 * upload continues from the parts the store really holds (ListParts), and no completed part is
 * sent again. The finished object is checked as the store allows (multipart-completion.ts):
 * md5(part md5s)-N on S3 stores, the CRC-64 combined from the parts' on OSS.
 * Every part is read from `file`, the one handle opened and verified for this upload (issue 11:
 * reopening the path for each part let a swapped parent directory feed it another file).
 * `onBytes` gets the bytes done so far, parts the store already held included, moving inside
 * each part as its bytes leave (upload-progress.ts: throttled, never counted twice).
 */
export async function uploadMultipart(
  dependencies: UploadDependencies,
  target: UploadTarget,
  file: OpenFile,
  options: MultipartOptions,
  onBytes: (bytesDone: number) => void,
): Promise<{ etag: string; md5: null; partsReused: number } | 'vanished' | 'changed'> {
  const { store, journal, clock } = dependencies;
  const progress = new UploadProgress(onBytes, clock);
  const stat = file.stat;
  const ref = { bucket: target.bucket, key: target.remoteKey };
  // Raised for files that would need more than 10,000 parts; the checkpoint records this size.
  const partSize = partSizeFor(stat.size, options.partSize);
  const partCount = Math.ceil(stat.size / partSize);

  let checkpoint = await usableCheckpoint(dependencies, target, stat, partSize, partCount);
  if (checkpoint && 'etag' in checkpoint) return checkpoint; // completed by an earlier attempt
  if (!checkpoint) {
    const { uploadId } = await store.createMultipart(ref);
    const started = {
      folderId: target.folderId,
      relativePath: target.relativePath,
      bucket: target.bucket,
      remoteKey: target.remoteKey,
      uploadId,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      partSize,
      createdAt: clock.now(),
    };
    journal.startCheckpoint(started);
    checkpoint = { ...started, parts: [] };
  }
  const uploadId = checkpoint.uploadId;
  const done = new Map<number, PartResult>(checkpoint.parts.map((part) => [part.partNumber, part]));
  const missing = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !done.has(n));
  const partsReused = done.size;
  for (const part of done.values()) progress.confirm(part.partNumber, part.size);

  let fileProblem: 'vanished' | 'changed' | null = null;
  let firstError: unknown;
  const buffers = new PartBuffers(dependencies, partSize);
  const next = () =>
    firstError === undefined && fileProblem === null ? missing.shift() : undefined;
  const worker = async () => {
    for (let partNumber = next(); partNumber !== undefined; partNumber = next()) {
      const buffer = buffers.take();
      try {
        const part = await sendPart(
          dependencies,
          target,
          file,
          uploadId,
          partNumber,
          stat.size,
          partSize,
          buffer,
          progress,
        );
        buffers.giveBack(buffer);
        if (part === 'vanished' || part === 'changed') {
          fileProblem = part;
          return;
        }
        journal.addCheckpointPart(target.folderId, target.relativePath, part);
        done.set(partNumber, part);
        progress.confirm(partNumber, part.size);
      } catch (error) {
        progress.drop(partNumber);
        // The buffer is not reused: a request that failed half-way might still be reading it.
        firstError ??= error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.partConcurrency, Math.max(1, missing.length)) }, worker),
  );
  // The checkpoint stays: the next attempt resumes from the parts already stored.
  if (firstError !== undefined) throw toSyncError(firstError);
  if (fileProblem !== null) {
    await abandon(dependencies, target, uploadId);
    return fileProblem;
  }

  const parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
  return completeAndVerify(dependencies, target, { uploadId, size: stat.size, parts }, partsReused);
}

/** The journal's checkpoint for this file if it still applies and the store still has it. */
async function usableCheckpoint(
  dependencies: UploadDependencies,
  target: UploadTarget,
  stat: FileStat,
  partSize: number,
  partCount: number,
): Promise<MultipartCheckpoint | CompletedUpload | undefined> {
  const { journal, store } = dependencies;
  const checkpoint = journal.getCheckpoint(target.folderId, target.relativePath);
  if (!checkpoint) return undefined;
  const sameFile =
    checkpoint.size === stat.size &&
    checkpoint.mtimeMs === stat.mtimeMs &&
    checkpoint.partSize === partSize;
  const sameTarget =
    checkpoint.bucket === target.bucket && checkpoint.remoteKey === target.remoteKey;
  if (!sameFile || !sameTarget) {
    await abandon(
      dependencies,
      { ...target, bucket: checkpoint.bucket, remoteKey: checkpoint.remoteKey },
      checkpoint.uploadId,
    );
    return undefined;
  }
  let stored;
  try {
    stored = await store.listParts({
      bucket: target.bucket,
      key: target.remoteKey,
      uploadId: checkpoint.uploadId,
    });
  } catch (error) {
    if (isSyncError(error) && error.code === 'not-found') {
      // Gone: completed by an earlier attempt whose answer or verification was lost, or aborted.
      const finished = await finishedEarlier(dependencies, target, checkpoint, partCount);
      if (finished) return finished;
      journal.deleteCheckpoint(target.folderId, target.relativePath);
      return undefined;
    }
    throw error;
  }
  // Trust only parts the store holds with the ETag and size we recorded.
  const held = new Map(stored.map((part) => [part.partNumber, part]));
  const parts = partsUsableFor(store.integrity, checkpoint.parts).filter((part) => {
    const s = held.get(part.partNumber);
    return s !== undefined && s.etag === part.etag && s.size === part.size;
  });
  return { ...checkpoint, parts };
}

async function sendPart(
  dependencies: UploadDependencies,
  target: UploadTarget,
  file: OpenFile,
  uploadId: string,
  partNumber: number,
  fileSize: number,
  partSize: number,
  buffer: Uint8Array,
  progress: UploadProgress,
): Promise<PartResult | 'vanished' | 'changed'> {
  const { store, digest, bandwidth } = dependencies;
  const offset = (partNumber - 1) * partSize;
  const length = Math.min(partSize, fileSize - offset);
  let body: Uint8Array;
  try {
    body = buffer.subarray(0, await file.readInto(offset, buffer.subarray(0, length)));
  } catch (error) {
    return vanishedOrUnreadable(error, target);
  }
  if (body.byteLength !== length) return 'changed'; // the file shrank under us
  // Off the event loop where the platform can: the other parts keep moving meanwhile.
  // OSS verifies the assembled object by CRC-64, combined from the parts' (multipart-integrity.ts).
  const [md5, crc64] = await Promise.all([
    digest.md5HexAsync(body),
    store.integrity === 'crc64' ? digest.crc64Async(body) : undefined,
  ]);
  const stored = await store.uploadPart({
    bucket: target.bucket,
    key: target.remoteKey,
    uploadId,
    partNumber,
    body,
    md5Hex: md5,
    onProgress: progress.sending(partNumber, length),
    pace: (bytes) => bandwidth.take(bytes),
  });
  const mismatch = partCrcMismatch(crc64, stored.crc64);
  if (mismatch !== undefined) {
    throw new SyncError(
      'bad-digest',
      'retry',
      `${target.relativePath}: part ${partNumber}: ${mismatch}.`,
      {
        hint: 'The data was damaged on the way; the part is sent again.',
      },
    );
  }
  return {
    partNumber,
    etag: stored.etag,
    size: length,
    md5,
    ...(crc64 === undefined ? {} : { crc64 }),
  };
}

/**
 * Part-sized buffers recycled from one part to the next, so a large file costs its parts in
 * flight (partConcurrency × partSize) instead of a fresh allocation per part left for the
 * garbage collector. Allocated by the Digest port: memory its hashing threads can read as is.
 */
class PartBuffers {
  private readonly free: Uint8Array[] = [];

  constructor(
    private readonly dependencies: UploadDependencies,
    private readonly size: number,
  ) {}

  take(): Uint8Array {
    return this.free.pop() ?? this.dependencies.digest.allocate(this.size);
  }

  giveBack(buffer: Uint8Array): void {
    this.free.push(buffer);
  }
}

/** Aborts an upload that will never be completed and forgets its checkpoint. */
async function abandon(
  dependencies: UploadDependencies,
  target: UploadTarget,
  uploadId: string,
): Promise<void> {
  try {
    await dependencies.store.abortMultipart({
      bucket: target.bucket,
      key: target.remoteKey,
      uploadId,
    });
  } catch (error) {
    // Already gone is fine; anything else leaves an orphan the store's lifecycle rules clean up.
    if (!(isSyncError(error) && (error.code === 'not-found' || error.disposition !== 'fatal'))) {
      throw error;
    }
  }
  dependencies.journal.deleteCheckpoint(target.folderId, target.relativePath);
}
