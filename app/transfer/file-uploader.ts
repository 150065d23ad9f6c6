import type { OpenFile } from '../ports/file-system.js';
import { uploadMultipart } from './multipart-uploader.js';
import { partSizeFor } from './part-size.js';
import { sameContentStat, stableStat, type StabilityOptions } from './stable-stat.js';
import { UploadProgress } from './upload-progress.js';
import { openSource, statSource } from './upload-source.js';
import type { FileLedger } from '../sync/file-ledger.js';
import {
  vanishedOrUnreadable,
  type UploadDependencies,
  type UploadTarget,
} from './upload-target.js';

export type UploadOutcome =
  | {
      readonly kind: 'uploaded';
      readonly size: number;
      readonly etag: string;
      /** Parts already in the store from an earlier, interrupted attempt (not sent again). */
      readonly partsReused: number;
      /** Set when the configured part size was raised so the file fits in 10,000 parts. */
      readonly partSizeRaisedTo?: number;
    }
  /** The file is gone: nothing to upload (a watcher event for a temp file, a quick delete). */
  | { readonly kind: 'vanished' }
  /** The file changed while it was being uploaded: not recorded; upload it again. */
  | { readonly kind: 'changed' }
  /** The file keeps changing (being written): try again later. */
  | { readonly kind: 'busy' }
  /** The journal already records this exact version (a second watcher event for one write). */
  | { readonly kind: 'unchanged' };

export interface FileUploaderOptions {
  readonly partSize: number;
  readonly partConcurrency: number;
  readonly stability: StabilityOptions;
}

export type { UploadTarget };

export interface FileUploaderDependencies extends UploadDependencies {
  /** Where the upload is recorded, and asked whether this version already is. */
  readonly ledger: FileLedger;
}

/**
 * Uploads one file and records it — only after the store confirmed the bytes and the file was
 * re-checked unchanged (DESIGN.md §4). Files up to one part go in a single PUT with Content-MD5;
 * bigger ones through the checkpointed multipart loop.
 */
export class FileUploader {
  constructor(
    private readonly dependencies: FileUploaderDependencies,
    private readonly options: FileUploaderOptions,
  ) {}

  /** `onBytes` gets this attempt's bytes done so far, moving as they leave (throttled). */
  async upload(target: UploadTarget, onBytes: (bytesDone: number) => void): Promise<UploadOutcome> {
    const { fs, clock, ledger } = this.dependencies;
    const settled = await stableStat(() => statSource(fs, target), clock, this.options.stability);
    if (settled.kind !== 'stable') return settled;
    // A write often raises several watcher events; the ones that arrive while the first upload
    // runs queue the path again. When that upload recorded exactly this version, sending the same
    // bytes again would only cost time. (A one-off drop is never recorded: always sent.)
    if (
      target.oneOff !== true &&
      ledger.isCurrent(target.folderId, target.relativePath, settled.stat)
    ) {
      return { kind: 'unchanged' };
    }

    let file: OpenFile;
    try {
      file = await openSource(fs, target);
    } catch (error) {
      // Swapped while it was opened: look again. A link on the way (outside-folder) is thrown.
      if ((error as { code?: unknown }).code === 'file-changed') return { kind: 'changed' };
      return { kind: vanishedOrUnreadable(error, target) };
    }
    try {
      // The handle's version is the one uploaded: it must be the one that settled.
      if (!sameContentStat(settled.stat, file.stat)) return { kind: 'changed' };
      return await this.uploadFrom(target, file, onBytes);
    } finally {
      await file.close(); // also when a multipart upload failed half-way
    }
  }

  /** Every byte comes from `file`, the handle opened for this upload, never from the path. */
  private async uploadFrom(
    target: UploadTarget,
    file: OpenFile,
    onBytes: (bytesDone: number) => void,
  ): Promise<UploadOutcome> {
    const before = file.stat;
    const result =
      before.size <= this.options.partSize
        ? await this.singlePut(target, file, onBytes)
        : await uploadMultipart(
            this.dependencies,
            target,
            file,
            { partSize: this.options.partSize, partConcurrency: this.options.partConcurrency },
            onBytes,
          );
    if (result === 'vanished' || result === 'changed') return { kind: result };

    // The file must not have been written while it was read, and the path must still hold that
    // version (an editor's save-by-rename leaves the handle on the old file).
    const [written, after] = await Promise.all([
      file.restat(),
      statSource(this.dependencies.fs, target).catch(() => undefined),
    ]);
    if (!sameContentStat(before, written) || !sameContentStat(before, after ?? null)) {
      // The object holds a version that may already be stale: record nothing, upload again.
      return after === null ? { kind: 'vanished' } : { kind: 'changed' };
    }
    // Recorded only now: the store confirmed the bytes and the file did not change meanwhile.
    if (target.oneOff !== true) this.dependencies.ledger.recordSynced(target, before, result);
    const partSize = partSizeFor(before.size, this.options.partSize);
    return {
      kind: 'uploaded',
      size: before.size,
      etag: result.etag,
      partsReused: 'partsReused' in result ? result.partsReused : 0,
      ...(partSize === this.options.partSize ? {} : { partSizeRaisedTo: partSize }),
    };
  }

  private async singlePut(
    target: UploadTarget,
    file: OpenFile,
    onBytes: (bytesDone: number) => void,
  ): Promise<{ etag: string; md5: string } | 'vanished' | 'changed'> {
    const { store, digest, bandwidth, clock } = this.dependencies;
    const body = new Uint8Array(file.stat.size);
    try {
      if ((await file.readInto(0, body)) !== body.byteLength) return 'changed'; // it shrank
    } catch (error) {
      return vanishedOrUnreadable(error, target);
    }
    // Off the event loop for the larger single PUTs (up to one part size): other transfers
    // keep flowing while a few MiB are hashed.
    const md5 = await digest.md5HexAsync(body);
    const progress = new UploadProgress(onBytes, clock);
    const { etag } = await store.putObject({
      bucket: target.bucket,
      key: target.remoteKey,
      body,
      md5Hex: md5,
      onProgress: progress.sending(1, body.byteLength),
      pace: (bytes) => bandwidth.take(bytes),
    });
    progress.confirm(1, body.byteLength);
    // For a single PUT the ETag is the MD5 on S3, Ceph and OSS (without SSE-KMS); Content-MD5
    // already made the store verify the bytes, so a different ETag is informative only.
    return { etag, md5 };
  }
}
