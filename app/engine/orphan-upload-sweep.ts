import { isSyncError, toSyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { Journal } from '../ports/journal.js';
import type { Logger } from '../ports/logger.js';
import type { MultipartUploadInfo, ObjectStore } from '../ports/object-store.js';
import type { FolderSpec } from '../sync/folder-spec.js';

/**
 * How old an unknown upload under a folder's prefix must be before it counts as abandoned.
 * An hour is far longer than the gap between a CreateMultipartUpload and its checkpoint in any
 * Ferry (microseconds) or between two parts, and long enough that another machine syncing into the
 * same prefix does not lose an upload in progress to this one. Stores charge for the parts of
 * an orphan until it is aborted, so it should not be days either.
 */
export const ORPHAN_GRACE_MS = 60 * 60_000;

/** At most this many pages (1 000 uploads each) per folder and sweep: a bound, not a limit hit. */
const MAX_PAGES = 20;

export interface OrphanSweepDependencies {
  readonly journal: Journal;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly folders: readonly FolderSpec[];
  /** By profile id. */
  readonly stores: ReadonlyMap<string, ObjectStore>;
}

export interface OrphanSweepOptions {
  readonly graceMs: number;
}

/**
 * Finds and aborts multipart uploads nobody will complete: their parts are billed until then.
 *
 * Why they exist: when the answer to CreateMultipartUpload is lost (the connection breaks after
 * the store created the upload), Ferry never learns the upload id, so no checkpoint names it and
 * the retry starts another one. The journal's checkpoints cover every other case
 * (SyncEngine.abortAbandonedUploads).
 *
 * Which are Ferry's to abort: uploads under a synced folder's prefix that no live checkpoint
 * names, and either
 * - older than the grace period (crashed or interrupted runs, even of another Ferry), or
 * - of a key whose CreateMultipartUpload failed in this process ("suspects"), once no transfer is
 *   running (`includeSuspects`): then no answer of ours can still be on its way.
 * A whole-bucket folder (prefix "") aborts only suspects: the bucket may hold other tools' uploads.
 *
 * When it runs (SyncEngine): once at the end of `--once`, after the queue drained (earlier runs'
 * orphans and this run's suspects: no orphan of this run survives it, for one listing per folder
 * and run); at the start of the long-running engine (grace only) and with each of its periodic
 * rescans (suspects only when idle, else an upload of ours could still be starting). Listing needs s3:ListBucketMultipartUploads (oss:ListMultipartUploads),
 * which the session policy asks for; where it is denied the sweep is skipped with one log line.
 */
export class OrphanUploadSweep {
  private readonly suspects = new Set<string>();
  private readonly listingDenied = new Set<string>();

  constructor(
    private readonly dependencies: OrphanSweepDependencies,
    private readonly options: OrphanSweepOptions,
  ) {}

  /**
   * The same store, remembering each key whose CreateMultipartUpload failed in a way that may
   * have created the upload anyway (anything but a definite refusal).
   */
  watch(store: ObjectStore): ObjectStore {
    const createMultipart: ObjectStore['createMultipart'] = async (request) => {
      try {
        return await store.createMultipart(request);
      } catch (error) {
        if (!isSyncError(error) || error.disposition === 'retry') {
          this.suspects.add(uploadKey(request.bucket, request.key));
        }
        throw error;
      }
    };
    return new Proxy(store, {
      get: (target, property) => {
        if (property === 'createMultipart') return createMultipart;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  }

  /** Sweeps every folder; never throws (a sweep that fails leaves the orphans for the next). */
  async sweep(options: { readonly includeSuspects: boolean }): Promise<number> {
    const suspects = options.includeSuspects ? new Set(this.suspects) : new Set<string>();
    let aborted = 0;
    for (const folder of this.dependencies.folders) {
      aborted += await this.sweepFolder(folder, suspects);
    }
    // Settled: each suspect's upload is aborted, or its key had none left to abort.
    for (const suspect of suspects) this.suspects.delete(suspect);
    return aborted;
  }

  /**
   * The long-running engine's sweep, with each periodic rescan: suspects are included only when
   * nothing is queued or running (an answer of ours could otherwise still be on its way).
   */
  async runEvery(intervalMs: number, stopped: () => boolean, idle: () => boolean): Promise<void> {
    while (!stopped()) {
      await this.dependencies.clock.sleep(intervalMs);
      if (stopped()) return;
      try {
        await this.sweep({ includeSuspects: idle() });
      } catch (thrown) {
        // The engine stopped during the listing and its journal closed (a settings save): this
        // loop runs un-awaited, so a throw here would be an unhandled rejection ending the
        // process. Any other failure is the next sweep's to retry.
        if (stopped()) return;
        this.dependencies.logger.warn('the sweep for abandoned uploads failed', {
          error: toSyncError(thrown).message,
        });
      }
    }
  }

  private async sweepFolder(folder: FolderSpec, suspects: ReadonlySet<string>): Promise<number> {
    const { journal, clock, logger } = this.dependencies;
    const store = this.dependencies.stores.get(folder.profileId);
    if (!store || this.listingDenied.has(folder.id)) return 0;
    if (folder.prefix === '' && suspects.size === 0) return 0;
    let uploads: MultipartUploadInfo[];
    try {
      uploads = await listAll(store, folder.bucket, folder.prefix);
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (error.code === 'access-denied') {
        this.listingDenied.add(folder.id);
        logger.info('cannot list multipart uploads: abandoned uploads are not looked for', {
          folder: folder.id,
          hint: 'Allow s3:ListBucketMultipartUploads (OSS: oss:ListMultipartUploads) on the bucket.',
        });
      } else {
        logger.warn('listing multipart uploads failed; the next sweep tries again', {
          folder: folder.id,
          code: error.code,
          error: error.message,
        });
      }
      return 0;
    }
    // Read after the listing: an upload started meanwhile has its checkpoint by now.
    const live = new Set(journal.listCheckpoints().map((checkpoint) => checkpoint.uploadId));
    const cutoff = clock.now() - this.options.graceMs;
    let aborted = 0;
    for (const upload of uploads) {
      if (live.has(upload.uploadId)) continue;
      const suspect = suspects.has(uploadKey(folder.bucket, upload.key));
      const old = folder.prefix !== '' && upload.initiatedAt <= cutoff;
      if (!suspect && !old) continue;
      try {
        await store.abortMultipart({
          bucket: folder.bucket,
          key: upload.key,
          uploadId: upload.uploadId,
        });
        aborted += 1;
        logger.info('aborted an abandoned multipart upload', {
          folder: folder.id,
          key: upload.key,
          reason: suspect
            ? 'its CreateMultipartUpload answer was lost'
            : 'older than the grace period',
        });
      } catch (thrown) {
        const error = toSyncError(thrown);
        if (error.code === 'not-found') continue; // completed or aborted meanwhile
        logger.warn('could not abort an abandoned multipart upload', {
          folder: folder.id,
          key: upload.key,
          code: error.code,
        });
      }
    }
    return aborted;
  }
}

async function listAll(
  store: ObjectStore,
  bucket: string,
  prefix: string,
): Promise<MultipartUploadInfo[]> {
  const uploads: MultipartUploadInfo[] = [];
  let next;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await store.listMultipartUploads({ bucket, prefix, ...(next ? { next } : {}) });
    uploads.push(...answer.uploads);
    next = answer.next;
    if (!next) break;
  }
  return uploads;
}

function uploadKey(bucket: string, key: string): string {
  return `${bucket}\u0000${key}`;
}
