import type { CredentialBroker, CredentialStatus } from '../credentials/credential-broker.js';
import type { Clock } from '../ports/clock.js';
import type { Digest } from '../ports/digest.js';
import type { FileSystem } from '../ports/file-system.js';
import type { FileWatcher } from '../ports/file-watcher.js';
import type { Journal } from '../ports/journal.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { Plan } from '../sync/planner.js';
import { toObjectKey } from '../sync/object-key.js';
import { SyncError } from '../errors/sync-error.js';
import { FileUploader } from '../transfer/file-uploader.js';
import type { StabilityOptions } from '../transfer/stable-stat.js';
import { TokenBucket } from '../transfer/token-bucket.js';
import { journalTransferRows } from '../transfer/journal-transfer-rows.js';
import { TransferQueue, type Transfer } from '../transfer/transfer-queue.js';
import type { EngineEvent } from './engine-events.js';
import { FolderSync, type FolderState, type FolderSyncOptions } from './folder-sync.js';
import { ORPHAN_GRACE_MS, OrphanUploadSweep } from './orphan-upload-sweep.js';
import { Requeuer } from './requeuer.js';
import { summarizeRun, type RunSummary } from './run-summary.js';
import { TransferRunner, UNCHANGED_NOTE } from './transfer-runner.js';

export interface EngineOptions extends FolderSyncOptions {
  readonly concurrency: number;
  readonly partSize: number;
  readonly partConcurrency: number;
  /** Bytes per second for all uploads; 0 = unlimited. */
  readonly bandwidthLimit: number;
  readonly stability: StabilityOptions;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  /** `--once`: a fatal credential error ends the run instead of waiting for a fix. */
  readonly failOnFatalCredentials: boolean;
  /** How often one path may be re-queued because it changed during upload. */
  readonly maxRequeues: number;
  /** Unknown multipart uploads older than this are abandoned (default ORPHAN_GRACE_MS). */
  readonly orphanGraceMs?: number;
  /**
   * `--once`: how long a path over `maxRequeues` may still take to hold still before it fails
   * "still changing" (ms). Absent or null: watching, such a path stays pending until it settles.
   */
  readonly finalSettleWaitMs?: number | null;
}

export interface ProfileBinding {
  readonly store: ObjectStore;
  readonly broker: CredentialBroker;
}

export interface EngineDependencies {
  readonly fs: FileSystem;
  readonly watcher: FileWatcher;
  readonly journal: Journal;
  readonly digest: Digest;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  /** By profile id. */
  readonly profiles: ReadonlyMap<string, ProfileBinding>;
}

export interface FolderSnapshot {
  readonly id: string;
  readonly root: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly mode: FolderSpec['mode'];
  readonly state: FolderState;
  readonly pauseReason: string | null;
  readonly lastScanAt: number | null;
  readonly lastError: string | null;
  /** Seen and not uploaded: the last scan's problems and the paths still changing. */
  readonly problems: readonly PathProblem[];
}

export type { RunSummary } from './run-summary.js';

/** How long stop() lets running transfers end before the journal closes under them: a small
 *  file finishes, a waiting one is cancelled at once; a settings save should not hang longer. */
const STOP_SETTLE_MS = 5_000;

/**
 * The sync engine: folders (scans + watchers) feed one transfer queue; uploads are signed by
 * each profile's credential broker. The same engine runs in the desktop app, `ferry sync` and
 * `ferry serve`.
 */
export class SyncEngine {
  readonly queue: TransferQueue;
  private readonly folders = new Map<string, FolderSync>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly conflicts: Extract<EngineEvent, { type: 'conflict' }>[] = [];
  private readonly requeuer: Requeuer;
  private readonly orphans: OrphanUploadSweep;
  /** With the periodic rescans: an orphan lives at most grace + one interval. */
  private readonly orphanSweepIntervalMs: number;
  private stopped = false;
  /** Resolves on stop(): ends retry and credential waits at once (with-retries.ts). */
  private readonly stopping: Promise<void>;
  private resolveStopping: () => void = () => undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly dependencies: EngineDependencies,
    folderSpecs: readonly FolderSpec[],
    options: EngineOptions,
  ) {
    const { clock, journal, fs, logger, random, digest } = dependencies;
    this.stopping = new Promise((resolve) => (this.resolveStopping = resolve));
    const bandwidth = new TokenBucket(options.bandwidthLimit, clock);
    const uploaders = new Map<string, FileUploader>();
    const stores = new Map<string, ObjectStore>();
    for (const [profileId, binding] of dependencies.profiles) stores.set(profileId, binding.store);
    const graceMs = options.orphanGraceMs ?? ORPHAN_GRACE_MS;
    this.orphanSweepIntervalMs = options.rescanIntervalMs;
    const sweepDependencies = { journal, clock, logger, folders: folderSpecs, stores };
    this.orphans = new OrphanUploadSweep(sweepDependencies, { graceMs });
    for (const [profileId, binding] of dependencies.profiles) {
      uploaders.set(
        profileId,
        new FileUploader(
          { fs, store: this.orphans.watch(binding.store), journal, digest, clock, bandwidth },
          {
            partSize: options.partSize,
            partConcurrency: options.partConcurrency,
            stability: options.stability,
          },
        ),
      );
    }
    const specs = new Map(folderSpecs.map((spec) => [spec.id, spec]));
    this.requeuer = new Requeuer(
      {
        fs,
        clock,
        queue: () => this.queue,
        rootOf: (folderId) => specs.get(folderId)?.root,
        stopped: () => this.stopped,
      },
      { maxRequeues: options.maxRequeues, settleMs: options.stability.settleMs },
    );
    const finalWaitMs = options.finalSettleWaitMs ?? null;
    const runner = new TransferRunner(
      {
        folders: specs,
        uploaders,
        stores,
        journal,
        fs,
        clock,
        logger,
        queue: () => this.queue,
        requeue: (t, delay) => this.requeuer.requeue(t, delay),
        keyCollision: (folderId, path) => this.folders.get(folderId)?.keyCollision(path) ?? null,
        park: (t) => this.requeuer.park(t),
        finalSettleWait:
          finalWaitMs === null
            ? null
            : {
                holdMs: options.stability.settleMs,
                pollMs: options.stability.probeMs,
                maxWaitMs: finalWaitMs,
              },
        conflict: (conflict) => this.emit({ type: 'conflict', ...conflict }),
      },
      {
        clock,
        random,
        backoff: options.backoff,
        maxAttempts: options.maxAttempts,
        failOnFatalCredentials: options.failOnFatalCredentials,
        stopping: this.stopping,
      },
      () => this.stopped,
    );
    this.queue = new TransferQueue(runner.run, {
      concurrency: options.concurrency,
      largeFileBytes: options.partSize,
      maxLargeConcurrent: Math.max(1, Math.ceil(options.concurrency / 2)),
      historyLimit: 10_000,
      now: () => clock.now(),
      // One row per file, its id and last state kept in the journal (issue 13).
      rowStore: journalTransferRows(journal, new Set(folderSpecs.map((spec) => spec.id))),
      // A watcher event for a file just uploaded: its row keeps showing the upload.
      isRoutine: (t) => t.state === 'skipped' && t.note === UNCHANGED_NOTE,
    });
    // A copy: observers keep what the transfer was at that moment, not what it becomes.
    this.queue.onChange((transfer) => {
      if (transfer.kind === 'upload' && transfer.state === 'done' && !transfer.drop) {
        this.requeuer.uploaded(transfer);
      }
      this.emit({ type: 'transfer', transfer: { ...transfer } });
    });
    for (const spec of folderSpecs) {
      const binding = dependencies.profiles.get(spec.profileId);
      if (!binding) throw new Error(`folder ${spec.id}: no profile ${spec.profileId}`);
      const emit = (event: EngineEvent) => this.emit(event);
      this.folders.set(
        spec.id,
        new FolderSync(
          spec,
          {
            fs,
            watcher: dependencies.watcher,
            journal,
            store: binding.store,
            clock,
            random,
            logger,
            queue: this.queue,
            emit,
          },
          options,
        ),
      );
    }
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `--once`: scan every folder, transfer what is needed, wait until done. */
  async runOnce(): Promise<RunSummary> {
    // The latest transfer per path during this run: a path re-queued after a change counts once.
    const latest = new Map<string, Transfer>();
    const runStart = this.dependencies.clock.now();
    // A row put back as an earlier run left it (an unchanged file) is not this run's work.
    const unsubscribe = this.queue.onChange((t) => {
      if ((t.queuedAt ?? 0) >= runStart) latest.set(`${t.folderId}\u0000${t.relativePath}`, t);
    });
    try {
      await this.abortAbandonedUploads();
      await Promise.all([...this.folders.values()].map((folder) => folder.scan()));
      await this.drain();
      // Nothing runs any more: uploads whose CreateMultipartUpload answer this run lost are
      // orphans now, and aborting them (with older ones) means none survives the run. Once, at
      // the end: one listing per folder and run (orphan-upload-sweep.ts).
      await this.orphans.sweep({ includeSuspects: true });
    } finally {
      unsubscribe();
    }
    return summarizeRun(
      [...latest.values()],
      this.problems(),
      [...this.conflicts],
      [...this.folders.values()]
        .filter((f) => f.pauseReason !== null)
        .map((f) => ({ folderId: f.spec.id, reason: f.pauseReason ?? '' })),
    );
  }

  /** Long-running mode: scan, then watch every folder and rescan periodically; folders in
   *  `skip` (their preflight failed) are neither watched nor scanned. */
  async start(skip: ReadonlySet<string> = new Set()): Promise<void> {
    for (const [profileId, binding] of this.dependencies.profiles) {
      this.unsubscribers.push(
        binding.broker.onStatus((status: CredentialStatus) =>
          this.emit({ type: 'credentials', profileId, status }),
        ),
      );
    }
    await this.abortAbandonedUploads();
    // Each step awaits the network: the session may have closed (and its journal) meanwhile.
    if (this.stopped) return;
    await this.orphans.sweep({ includeSuspects: false });
    if (this.stopped) return;
    void this.orphans.runEvery(
      this.orphanSweepIntervalMs,
      () => this.stopped,
      () => this.queue.pendingCount === 0,
    );
    await Promise.all(
      [...this.folders.values()]
        .filter((folder) => !skip.has(folder.spec.id))
        .map(async (folder) => {
          await folder.startWatching();
          if (!this.stopped) await folder.scan();
        }),
    );
  }

  /** Starts one folder `start` skipped, once its preflight passes (the UI's "sync now"). */
  async startFolder(folderId: string): Promise<void> {
    const folder = this.folders.get(folderId);
    if (!folder || this.stopped) return;
    await folder.startWatching();
    await folder.scan();
  }

  /**
   * Nothing new starts (scans, watchers, queued transfers); waits end at once, and the runs in
   * flight get up to `settleMs` to end and record their rows. After this resolves the engine
   * writes nothing more to the journal, so its owner may close it: a run still going (an upload
   * mid-part) ends in memory only (TransferQueue.close).
   */
  async stop(settleMs = STOP_SETTLE_MS): Promise<void> {
    this.stopped = true;
    this.resolveStopping();
    this.queue.pause();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    await Promise.all([...this.folders.values()].map((folder) => folder.stop()));
    // A timer only when something runs: `ferry sync --once` must not stay up for it.
    await this.queue.close(() => this.dependencies.clock.sleep(settleMs));
  }

  /**
   * What the last scans (or dry runs) saw and will not upload, and the paths parked as still
   * changing: one folder's or all, in folder order.
   */
  problems(folderId?: string): PathProblem[] {
    return [...this.folders.values()]
      .filter((folder) => folderId === undefined || folder.spec.id === folderId)
      .flatMap((folder) => [...folder.problems, ...this.requeuer.pending(folder.spec.id)]);
  }

  /** Plans without transferring (`--dry-run`). */
  async dryRun(): Promise<Map<string, Plan>> {
    const plans = new Map<string, Plan>();
    for (const [id, folder] of this.folders) plans.set(id, await folder.planOnly());
    return plans;
  }

  pause(folderId?: string): void {
    this.queue.pause(folderId);
  }

  resume(folderId?: string): void {
    this.queue.resume(folderId);
  }

  /** Rescans now (one folder or all). */
  async syncNow(folderId?: string): Promise<void> {
    const targets =
      folderId === undefined
        ? [...this.folders.values()]
        : [this.folders.get(folderId)].filter((f) => f !== undefined);
    await Promise.all(targets.map((folder) => folder.scan()));
  }

  /**
   * One-off uploads (drag-and-drop) into a folder's bucket, below its prefix. They show in the
   * transfer list like any other, but they are not part of the folder's sync state.
   * @param files - each file's absolute path and its key below the folder's prefix.
   */
  uploadDropped(
    folderId: string,
    files: readonly {
      readonly absolutePath: string;
      readonly relativeKey: string;
      readonly size: number;
      /** Inside a dropped folder: opened beneath it (DropSource.beneath). */
      readonly beneath?: { readonly root: string; readonly relativePath: string };
    }[],
  ): Transfer[] {
    const folder = this.folders.get(folderId);
    if (!folder) throw new SyncError('not-found', 'no-retry', `There is no folder "${folderId}".`);
    return files.map((file) =>
      this.queue.enqueue({
        folderId,
        relativePath: file.relativeKey,
        kind: 'upload',
        size: file.size,
        drop: {
          absolutePath: file.absolutePath,
          remoteKey: toObjectKey(folder.spec.prefix, file.relativeKey, folder.spec.keyRules),
          ...(file.beneath ? { beneath: file.beneath } : {}),
        },
      }),
    );
  }

  /** The user confirmed a paused mass delete (or deletes in an emptied folder). */
  async confirmDeletes(folderId: string): Promise<void> {
    const folder = this.folders.get(folderId);
    if (!folder) return;
    folder.confirmDeletes();
    await folder.scan();
  }

  /** Waits until nothing is queued, running or about to be re-queued. */
  async drain(): Promise<void> {
    for (;;) {
      await this.queue.whenIdle();
      if (!this.requeuer.busy) return;
      await this.requeuer.whenSettled();
    }
  }

  folderSnapshots(): FolderSnapshot[] {
    return [...this.folders.values()].map((folder) => ({
      id: folder.spec.id,
      root: folder.spec.root,
      bucket: folder.spec.bucket,
      prefix: folder.spec.prefix,
      mode: folder.spec.mode,
      state: folder.state,
      pauseReason: folder.pauseReason,
      lastScanAt: folder.lastScanAt,
      lastError: folder.lastError,
      problems: [...folder.problems, ...this.requeuer.pending(folder.spec.id)],
    }));
  }

  /**
   * Multipart uploads whose file is gone or changed will never be completed: abort them so the
   * store does not keep (and bill) their parts. Files still the same are resumed by the uploader.
   */
  private async abortAbandonedUploads(): Promise<void> {
    const { journal, fs, logger } = this.dependencies;
    for (const checkpoint of journal.listCheckpoints()) {
      const folder = this.folders.get(checkpoint.folderId);
      const stat = folder
        ? // A path through a link (outside-folder) counts as gone: the upload is aborted.
          await fs.statBeneath(folder.spec.root, checkpoint.relativePath).catch(() => null)
        : null;
      if (
        folder &&
        stat?.kind === 'file' &&
        stat.size === checkpoint.size &&
        stat.mtimeMs === checkpoint.mtimeMs
      ) {
        continue;
      }
      const store = folder
        ? this.dependencies.profiles.get(folder.spec.profileId)?.store
        : undefined;
      try {
        await store?.abortMultipart({
          bucket: checkpoint.bucket,
          key: checkpoint.remoteKey,
          uploadId: checkpoint.uploadId,
        });
      } catch (error) {
        logger.warn('could not abort an abandoned multipart upload', {
          key: checkpoint.remoteKey,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      journal.deleteCheckpoint(checkpoint.folderId, checkpoint.relativePath);
    }
  }

  private emit(event: EngineEvent): void {
    if (event.type === 'conflict') this.conflicts.push(event);
    for (const listener of this.listeners) listener(event);
  }
}
