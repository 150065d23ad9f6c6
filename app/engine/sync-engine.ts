import type { CredentialStatus } from '../credentials/credential-broker.js';
import { transferForObject } from './transfer-for-object.js';
import { SyncError } from '../errors/sync-error.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import { toObjectKey } from '../sync/object-key.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { Plan } from '../sync/planner.js';
import type { Transfer } from '../transfer/transfer-queue.js';
import type { EngineParts } from './engine-assembly.js';
import type { EngineEvent } from './engine-events.js';
import type { FolderState } from './folder-sync.js';
import { summarizeRun, type RunSummary } from './run-summary.js';

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

type Conflict = Extract<EngineEvent, { type: 'conflict' }>;

/**
 * The sync engine: folders (scans + watchers) feed one transfer queue; uploads are signed by
 * each profile's credential broker. The same engine runs in the desktop app, `ferry sync` and
 * `ferry serve`. A facade: its parts are built and wired by assembleEngine (engine-assembly.ts);
 * callers see transfers, pauses and events, never the queue.
 */
export class SyncEngine {
  private readonly queue: EngineParts['queue'];
  private readonly folders: EngineParts['folders'];
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly parts: EngineParts) {
    this.queue = parts.queue;
    this.folders = parts.folders;
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    return this.parts.events.on(listener);
  }

  /** One row per path: queued, running and recently finished (in no particular order). */
  transfers(): Transfer[] {
    return this.queue.list();
  }

  /** Paused by the user: all transfers (no folder given), or this folder's (alone or with all). */
  isPaused(folderId?: string): boolean {
    return this.queue.isPaused(folderId);
  }

  /** Queues these (failed) transfers once more, as they were asked for the first time. */
  retry(transfers: readonly Readonly<Transfer>[]): void {
    for (const transfer of transfers) {
      this.queue.enqueue({
        folderId: transfer.folderId,
        relativePath: transfer.relativePath,
        kind: transfer.kind,
        size: transfer.size,
        ...(transfer.drop ? { drop: transfer.drop } : {}),
      });
    }
  }

  /**
   * Shows `note` on the running upload that sends `key` to `bucket`, if any: how a store-level
   * warning (token-life-guard.ts) reaches the row of the file it concerns.
   */
  noteForObject(bucket: string, key: string, note: string): void {
    const specs = [...this.folders.values()].map((folder) => folder.spec);
    const transfer = transferForObject(this.queue.list(), specs, bucket, key);
    if (transfer) this.queue.update(transfer, { note });
  }

  /** `--once`: scan every folder, transfer what is needed, wait until done. */
  async runOnce(): Promise<RunSummary> {
    // The latest transfer per path during this run: a path re-queued after a change counts once.
    const latest = new Map<string, Transfer>();
    // This run's conflicts, one per path: an earlier run's (or rescan's) are not this run's.
    const conflicts = new Map<string, Conflict>();
    const runStart = this.parts.clock.now();
    // A row put back as an earlier run left it (an unchanged file) is not this run's work.
    const unsubscribeTransfers = this.queue.onChange((t) => {
      if ((t.queuedAt ?? 0) >= runStart) latest.set(`${t.folderId}\u0000${t.relativePath}`, t);
    });
    const unsubscribeConflicts = this.onEvent((event) => {
      if (event.type === 'conflict') {
        conflicts.set(`${event.folderId}\u0000${event.relativePath}`, event);
      }
    });
    try {
      await this.parts.abortAbandonedUploads();
      await Promise.all([...this.folders.values()].map((folder) => folder.scan()));
      await this.drain();
      // Nothing runs any more: uploads whose CreateMultipartUpload answer this run lost are
      // orphans now, and aborting them (with older ones) means none survives the run. Once, at
      // the end: one listing per folder and run (orphan-upload-sweep.ts).
      await this.parts.orphans.sweep({ includeSuspects: true });
    } finally {
      unsubscribeTransfers();
      unsubscribeConflicts();
    }
    return summarizeRun(
      [...latest.values()],
      this.problems(),
      [...conflicts.values()],
      [...this.folders.values()]
        .filter((f) => f.pauseReason !== null)
        .map((f) => ({ folderId: f.spec.id, reason: f.pauseReason ?? '' })),
    );
  }

  /**
   * Long-running mode, ahead of start(): subscribes every folder's watcher now, so its crawl of
   * the tree runs while the caller's preflight waits on the network; events wait for start().
   */
  beginWatching(): void {
    if (this.parts.stop.stopped) return;
    for (const folder of this.folders.values()) folder.beginWatching();
  }

  /** Long-running mode: scan, then watch every folder and rescan periodically; folders in
   *  `skip` (their preflight failed) are neither watched nor scanned. */
  async start(skip: ReadonlySet<string> = new Set()): Promise<void> {
    const { brokers, events, orphans, stop } = this.parts;
    for (const folderId of skip) await this.folders.get(folderId)?.endWatching();
    for (const [profileId, broker] of brokers) {
      this.unsubscribers.push(
        broker.onStatus((status: CredentialStatus) =>
          events.emit({ type: 'credentials', profileId, status }),
        ),
      );
    }
    await this.parts.abortAbandonedUploads();
    // Each step awaits the network: the session may have closed (and its journal) meanwhile.
    if (stop.stopped) return;
    await orphans.sweep({ includeSuspects: false });
    if (stop.stopped) return;
    void orphans.runEvery(
      this.parts.orphanSweepIntervalMs,
      () => stop.stopped,
      () => this.queue.pendingCount === 0,
    );
    await Promise.all(
      [...this.folders.values()]
        .filter((folder) => !skip.has(folder.spec.id))
        .map(async (folder) => {
          await folder.startWatching();
          if (!stop.stopped) await folder.scan();
        }),
    );
  }

  /** Starts one folder `start` skipped, once its preflight passes (the UI's "sync now"). */
  async startFolder(folderId: string): Promise<void> {
    const folder = this.folders.get(folderId);
    if (!folder || this.parts.stop.stopped) return;
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
    this.parts.stop.stop();
    this.queue.pause();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    await Promise.all([...this.folders.values()].map((folder) => folder.stop()));
    // A timer only when something runs: `ferry sync --once` must not stay up for it.
    await this.queue.close(() => this.parts.clock.sleep(settleMs));
  }

  /**
   * What the last scans (or dry runs) saw and will not upload, and the paths parked as still
   * changing: one folder's or all, in folder order.
   */
  problems(folderId?: string): PathProblem[] {
    return [...this.folders.values()]
      .filter((folder) => folderId === undefined || folder.spec.id === folderId)
      .flatMap((folder) => [...folder.problems, ...this.parts.requeuer.pending(folder.spec.id)]);
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
      if (!this.parts.requeuer.busy) return;
      await this.parts.requeuer.whenSettled();
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
      problems: [...folder.problems, ...this.parts.requeuer.pending(folder.spec.id)],
    }));
  }
}
