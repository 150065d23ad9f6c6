import type { CredentialBroker } from '../credentials/credential-broker.js';
import type { Clock } from '../ports/clock.js';
import type { Digest } from '../ports/digest.js';
import type { FileSystem } from '../ports/file-system.js';
import type { FileWatcher } from '../ports/file-watcher.js';
import type { Journal } from '../ports/journal.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { BackoffPolicy } from '../retry/backoff.js';
import { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import { FileUploader } from '../transfer/file-uploader.js';
import { journalTransferRows } from '../transfer/journal-transfer-rows.js';
import type { StabilityOptions } from '../transfer/stable-stat.js';
import { TokenBucket } from '../transfer/token-bucket.js';
import { TransferQueue } from '../transfer/transfer-queue.js';
import { abortAbandonedUploads } from './abandoned-uploads.js';
import { EngineEventHub } from './engine-events.js';
import { FolderSync, type FolderSyncOptions } from './folder-sync.js';
import { ORPHAN_GRACE_MS, OrphanUploadSweep } from './orphan-upload-sweep.js';
import { Requeuer } from './requeuer.js';
import { StopSignal } from './stop-signal.js';
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

/** What a SyncEngine drives, wired to each other already (assembleEngine). */
export interface EngineParts {
  readonly queue: TransferQueue;
  /** By folder id, in the configuration's order. */
  readonly folders: ReadonlyMap<string, FolderSync>;
  readonly requeuer: Requeuer;
  readonly orphans: OrphanUploadSweep;
  /** With the periodic rescans: an orphan lives at most grace + one interval. */
  readonly orphanSweepIntervalMs: number;
  /** Aborts the multipart uploads of checkpoints whose file is gone or changed. */
  readonly abortAbandonedUploads: () => Promise<void>;
  readonly events: EngineEventHub;
  readonly stop: StopSignal;
  /** By profile id: their status changes are engine events while it runs. */
  readonly brokers: ReadonlyMap<string, CredentialBroker>;
  readonly clock: Clock;
}

/**
 * Builds the engine's parts from its ports and options, in the order they need each other: the
 * stop signal and event hub, then the queue (nothing runs yet), the requeuer and folders that feed
 * it, the uploaders and the runner that updates rows through it; last, the queue is given the
 * runner. No part asks another for a part later, and nothing here touches the outside world:
 * main/compose/ brings the adapters.
 */
export function assembleEngine(
  dependencies: EngineDependencies,
  folderSpecs: readonly FolderSpec[],
  options: EngineOptions,
): EngineParts {
  const { clock, journal, fs, logger, random, digest } = dependencies;
  const stop = new StopSignal();
  const stopped = () => stop.stopped;
  const events = new EngineEventHub();
  const specs = new Map(folderSpecs.map((spec) => [spec.id, spec]));
  // The one owner of the journal's file records (folders, uploaders and runner all use it).
  const ledger = new FileLedger(journal, clock, folderSpecs);
  const stores = new Map<string, ObjectStore>();
  const brokers = new Map<string, CredentialBroker>();
  for (const [profileId, binding] of dependencies.profiles) {
    stores.set(profileId, binding.store);
    brokers.set(profileId, binding.broker);
  }
  const queue = new TransferQueue({
    concurrency: options.concurrency,
    largeFileBytes: options.partSize,
    maxLargeConcurrent: Math.max(1, Math.ceil(options.concurrency / 2)),
    historyLimit: 10_000,
    now: () => clock.now(),
    // One row per file, its id and last state kept in the journal (issue 13).
    rowStore: journalTransferRows(journal, new Set(specs.keys())),
    // A watcher event for a file just uploaded: its row keeps showing the upload.
    isRoutine: (t) => t.state === 'skipped' && t.note === UNCHANGED_NOTE,
  });
  const requeuer = new Requeuer(
    { fs, clock, queue, rootOf: (folderId) => specs.get(folderId)?.root, stopped },
    { maxRequeues: options.maxRequeues, settleMs: options.stability.settleMs },
  );
  // A copy: observers keep what the transfer was at that moment, not what it becomes.
  queue.onChange((transfer) => {
    if (transfer.kind === 'upload' && transfer.state === 'done' && !transfer.drop) {
      requeuer.uploaded(transfer);
    }
    events.emit({ type: 'transfer', transfer: { ...transfer } });
  });
  const folders = new Map<string, FolderSync>();
  for (const spec of folderSpecs) {
    const binding = dependencies.profiles.get(spec.profileId);
    if (!binding) throw new Error(`folder ${spec.id}: no profile ${spec.profileId}`);
    const { watcher } = dependencies;
    const folderDependencies = { fs, watcher, ledger, clock, random, logger, queue };
    folders.set(
      spec.id,
      new FolderSync(
        spec,
        { ...folderDependencies, store: binding.store, emit: events.emit },
        options,
      ),
    );
  }
  const orphans = new OrphanUploadSweep(
    { journal, clock, logger, folders: folderSpecs, stores },
    { graceMs: options.orphanGraceMs ?? ORPHAN_GRACE_MS },
  );
  const bandwidth = new TokenBucket(options.bandwidthLimit, clock);
  const uploaders = new Map<string, FileUploader>();
  for (const [profileId, binding] of dependencies.profiles) {
    const store = orphans.watch(binding.store);
    const { partSize, partConcurrency, stability } = options;
    const uploader = new FileUploader(
      { fs, store, journal, ledger, digest, clock, bandwidth },
      { partSize, partConcurrency, stability },
    );
    uploaders.set(profileId, uploader);
  }
  const finalWaitMs = options.finalSettleWaitMs ?? null;
  const runner = new TransferRunner(
    {
      folders: specs,
      uploaders,
      stores,
      ledger,
      journal,
      fs,
      clock,
      logger,
      updates: queue,
      requeue: (t, delay) => requeuer.requeue(t, delay),
      keyCollision: (folderId, path) => folders.get(folderId)?.keyCollision(path) ?? null,
      park: (t) => requeuer.park(t),
      finalSettleWait:
        finalWaitMs === null
          ? null
          : {
              holdMs: options.stability.settleMs,
              pollMs: options.stability.quietMs,
              maxWaitMs: finalWaitMs,
            },
      conflict: (conflict) => events.emit({ type: 'conflict', ...conflict }),
    },
    {
      clock,
      random,
      backoff: options.backoff,
      maxAttempts: options.maxAttempts,
      failOnFatalCredentials: options.failOnFatalCredentials,
      stopping: stop.stopping,
    },
    stopped,
  );
  queue.runWith(runner.run);
  return {
    queue,
    folders,
    requeuer,
    orphans,
    orphanSweepIntervalMs: options.rescanIntervalMs,
    abortAbandonedUploads: () =>
      abortAbandonedUploads({ journal, fs, logger, folders: specs, stores }),
    events,
    stop,
    brokers,
    clock,
  };
}
