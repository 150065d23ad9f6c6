import { toSyncError, type SyncError } from '../errors/sync-error.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import type { WatchEvent, WatcherHandle, FileWatcher } from '../ports/file-watcher.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectInfo, ObjectStore } from '../ports/object-store.js';
import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec, LocalFile } from '../sync/folder-spec.js';
import { scanFolder } from '../sync/folder-scanner.js';
import { IGNORE_FILE_NAME, IgnoreRules } from '../sync/ignore-rules.js';
import { folderKeyMapping, keyCollisionError, KeyIndex } from '../sync/key-collisions.js';
import type { KeyMapping } from '../sync/key-collisions.js';
import { planFolder, type Plan } from '../sync/planner.js';
import type { TransferQueue } from '../transfer/transfer-queue.js';
import type { EngineEvent } from './engine-events.js';
import { trackFastPathKey } from './fast-path-keys.js';
import { fastPathStat } from './fast-path-stat.js';
import { problemsOfScan, reportProblems } from './scan-problems.js';

export interface FolderSyncOptions {
  readonly massDeleteCount: number;
  readonly massDeleteFraction: number;
  /** Full rescan interval (jittered ±10 %) to catch what the watcher missed. */
  readonly rescanIntervalMs: number;
  /** Rescan interval while the watcher is broken. */
  readonly fallbackRescanMs: number;
  readonly watchBatchMs: number;
}

export interface FolderSyncDependencies {
  readonly fs: FileSystem;
  readonly watcher: FileWatcher;
  /** The folder's file records: read by the planner and the fast path, forgotten here. */
  readonly ledger: FileLedger;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly queue: TransferQueue;
  readonly emit: (event: EngineEvent) => void;
}

export type FolderState = 'idle' | 'scanning' | 'watching' | 'paused' | 'error';

/**
 * One folder's loop: full scans (at start, periodically, and whenever the watcher cannot be
 * trusted) and the watcher's fast path for single files, both feeding the transfer queue.
 */
export class FolderSync {
  readonly rules: IgnoreRules;
  private missingSince = new Map<string, number>();
  private deletesConfirmed = false;
  private watchHandle: WatcherHandle | undefined;
  private watcherBroken = false;
  private stopped = false;
  private scanning: Promise<Plan | null> | undefined;
  private rescanRequested = false;
  pauseReason: string | null = null;
  lastScanAt: number | null = null;
  lastError: string | null = null;
  /** What the last scan (or dry run) saw and will not upload, with why. */
  problems: readonly PathProblem[] = [];
  /** Local paths by the object key they map to: files sharing one key are all refused. */
  private readonly keyMapping: KeyMapping;
  private keyIndex: KeyIndex;

  constructor(
    readonly spec: FolderSpec,
    private readonly dependencies: FolderSyncDependencies,
    private readonly options: FolderSyncOptions,
  ) {
    this.rules = new IgnoreRules(spec.ignore);
    this.keyMapping = folderKeyMapping(spec.prefix, spec.keyRules);
    this.keyIndex = new KeyIndex(this.keyMapping);
  }

  /** The invalid-name error of a path whose key another local file maps to, or null. */
  keyCollision(relativePath: string): SyncError | null {
    const others = this.keyIndex.othersOf(relativePath);
    return others.length > 0 ? keyCollisionError(relativePath, others) : null;
  }

  get state(): FolderState {
    if (this.pauseReason !== null || this.dependencies.queue.isPaused(this.spec.id)) {
      return 'paused';
    }
    if (this.scanning) return 'scanning';
    if (this.lastError !== null) return 'error';
    return this.watchHandle && !this.watcherBroken ? 'watching' : 'idle';
  }

  /** Scans now (or joins the scan in progress, then scans once more if asked meanwhile). */
  scan(): Promise<Plan | null> {
    if (this.scanning) {
      this.rescanRequested = true;
      return this.scanning;
    }
    this.scanning = this.fullScan().finally(() => {
      this.scanning = undefined;
      if (this.rescanRequested && !this.stopped) {
        this.rescanRequested = false;
        void this.scan();
      }
    });
    return this.scanning;
  }

  /** The plan only, without transferring anything (`--dry-run`). */
  async planOnly(): Promise<Plan> {
    const scan = await scanFolder(this.dependencies.fs, this.spec, this.rules);
    const previous = this.problems;
    this.problems = problemsOfScan(this.spec.id, scan);
    reportProblems(this.problems, previous, this.dependencies.logger, this.dependencies.emit);
    return this.plan(scan.files, await this.remoteListing(), true);
  }

  /** Lets a paused mass delete proceed at the next scan. */
  confirmDeletes(): void {
    this.deletesConfirmed = true;
    this.pauseReason = null;
  }

  async startWatching(): Promise<void> {
    // A session closed while its preflight ran: a watcher started now would never be closed.
    if (this.stopped) return;
    this.watchHandle = this.dependencies.watcher.watch(this.spec.root, {
      batchMs: this.options.watchBatchMs,
      isIgnored: (relativePath, isDirectory) => this.rules.isIgnored(relativePath, isDirectory),
      onBatch: (events) => void this.onBatch(events),
      onError: (error) => this.onWatcherError(error),
    });
    await this.watchHandle.ready;
    // stop() ran while it got ready: it closed this handle; no rescans for a stopped folder.
    if (this.stopped) return;
    void this.rescanLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watchHandle?.close();
    this.watchHandle = undefined;
  }

  private async fullScan(): Promise<Plan | null> {
    const { fs, clock, emit, logger } = this.dependencies;
    const started = clock.now();
    emit({ type: 'scan-started', folderId: this.spec.id });
    try {
      const scan = await scanFolder(fs, this.spec, this.rules);
      const previous = this.problems;
      this.problems = problemsOfScan(this.spec.id, scan);
      reportProblems(this.problems, previous, logger, emit);
      const plan = this.plan(scan.files, await this.remoteListing(), false);
      this.apply(plan);
      this.lastScanAt = clock.now();
      this.lastError =
        scan.files === null
          ? `The folder ${this.spec.root} does not exist or is not a directory.`
          : null;
      emit({
        type: 'scan-finished',
        folderId: this.spec.id,
        files: scan.files?.size ?? 0,
        unchanged: plan.unchanged,
        uploads: plan.uploads.length,
        deletes: plan.deletes.length,
        conflicts: plan.conflicts.length,
        durationMs: clock.now() - started,
      });
      return plan;
    } catch (thrown) {
      const error = toSyncError(thrown);
      this.lastError = error.message;
      logger.error('scan failed', { folder: this.spec.id, code: error.code, error: error.message });
      emit({
        type: 'folder-error',
        folderId: this.spec.id,
        code: error.code,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      });
      return null;
    }
  }

  private plan(
    files: Map<string, LocalFile> | null,
    remote: Map<string, ObjectInfo> | undefined,
    dryRun: boolean,
  ): Plan {
    const journal = this.dependencies.ledger.recordsOf(this.spec.id);
    const keyIndex = KeyIndex.of(files?.keys() ?? [], this.keyMapping);
    const plan = planFolder({
      mode: this.spec.mode,
      local: files,
      journal,
      ...(remote ? { remote } : {}),
      missingSince: this.missingSince,
      now: this.dependencies.clock.now(),
      deleteDelayMs: this.spec.deleteDelayMs,
      massDeleteCount: this.options.massDeleteCount,
      massDeleteFraction: this.options.massDeleteFraction,
      deletesConfirmed: this.deletesConfirmed,
      keys: this.keyMapping,
      keyIndex,
    });
    if (!dryRun) {
      this.missingSince = plan.missingSince;
      this.keyIndex = keyIndex;
    }
    return plan;
  }

  private apply(plan: Plan): void {
    const { queue, ledger, emit } = this.dependencies;
    for (const upload of plan.uploads) {
      // The record claims an object the bucket no longer has: drop it, or the uploader would
      // take this version as already sent.
      if (upload.reason === 'missing-remotely') {
        ledger.forget(this.spec.id, upload.relativePath);
      }
      queue.enqueue({
        folderId: this.spec.id,
        relativePath: upload.relativePath,
        kind: 'upload',
        size: upload.size,
      });
    }
    // Queued to fail: the runner refuses each with the collision error, so they are listed,
    // logged and counted like any failed file, and retried once the names are fixed.
    for (const collision of plan.collisions) {
      queue.enqueue({
        folderId: this.spec.id,
        relativePath: collision.relativePath,
        kind: 'upload',
        size: collision.size,
      });
    }
    for (const relativePath of plan.forget) ledger.forget(this.spec.id, relativePath);
    for (const conflict of plan.conflicts) {
      emit({ type: 'conflict', folderId: this.spec.id, ...conflict });
    }
    if (plan.deletePause) {
      this.pauseReason = describePause(plan.deletePause, this.spec, plan.missingSince.size);
      emit({ type: 'folder-paused', folderId: this.spec.id, reason: this.pauseReason });
      return;
    }
    this.pauseReason = null;
    if (plan.deletes.length > 0) this.deletesConfirmed = false;
    for (const deletion of plan.deletes) {
      queue.enqueue({
        folderId: this.spec.id,
        relativePath: deletion.relativePath,
        kind: 'delete',
        size: 0,
      });
    }
    if (plan.missingSince.size > 0) this.scheduleDeleteCheck(plan.missingSince);
  }

  /** When listing is allowed, the remote side of the plan (objects under the prefix). */
  private async remoteListing(): Promise<Map<string, ObjectInfo> | undefined> {
    if (!this.spec.remoteListing) return undefined;
    const objects = new Map<string, ObjectInfo>();
    let token: string | undefined;
    do {
      const page = await this.dependencies.store.list({
        bucket: this.spec.bucket,
        prefix: this.spec.prefix,
        ...(token ? { continuationToken: token } : {}),
      });
      for (const object of page.objects) objects.set(object.key, object);
      token = page.nextContinuationToken;
    } while (token);
    return objects;
  }

  private async onBatch(events: readonly WatchEvent[]): Promise<void> {
    let needsScan = false;
    for (const event of events) {
      const name = event.relativePath.split('/').pop();
      if (name === IGNORE_FILE_NAME) {
        this.rules.forgetDirectory(
          event.relativePath.slice(0, -IGNORE_FILE_NAME.length).replace(/\/$/, ''),
        );
        needsScan = true;
      } else if (
        event.type === 'addDir' ||
        event.type === 'unlinkDir' ||
        (event.type === 'unlink' && this.spec.mode === 'mirror')
      ) {
        // Directory moves and mirror deletes go through the full planner and its safety rules.
        needsScan = true;
      } else {
        await this.checkPath(event.relativePath);
      }
    }
    if (needsScan) void this.scan();
  }

  /** The watcher's fast path: one stat, one journal lookup. */
  private async checkPath(relativePath: string): Promise<void> {
    const { fs, ledger, queue } = this.dependencies;
    if (this.rules.isIgnored(relativePath, false)) return;
    const stat = await fastPathStat(fs, this.spec.root, relativePath);
    if (stat === 'ask-uploader') {
      queue.enqueue({ folderId: this.spec.id, relativePath, kind: 'upload', size: 0 });
      return;
    }
    const size = stat?.kind === 'file' ? stat.size : null;
    const target = { folderId: this.spec.id, queue };
    if (
      await trackFastPathKey(this.keyIndex, target, relativePath, size, (p) => this.checkPath(p))
    ) {
      return;
    }
    if (stat?.kind === 'file') {
      if (!ledger.isCurrent(this.spec.id, relativePath, stat)) {
        queue.enqueue({ folderId: this.spec.id, relativePath, kind: 'upload', size: stat.size });
      }
    } else if (this.spec.mode === 'upload' && ledger.recordOf(this.spec.id, relativePath)) {
      ledger.forget(this.spec.id, relativePath); // gone locally; the bucket keeps it
    }
  }

  private onWatcherError(thrown: unknown): void {
    const error = toSyncError(thrown, 'watcher-failed');
    this.watcherBroken = true;
    this.dependencies.logger.error('watcher failed; falling back to periodic rescans', {
      folder: this.spec.id,
      error: error.message,
    });
    this.dependencies.emit({
      type: 'watcher-error',
      folderId: this.spec.id,
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
    void this.scan();
  }

  private async rescanLoop(): Promise<void> {
    const { clock, random } = this.dependencies;
    while (!this.stopped) {
      const base = this.watcherBroken
        ? this.options.fallbackRescanMs
        : this.options.rescanIntervalMs;
      await clock.sleep(base * (0.9 + 0.2 * random()));
      if (!this.stopped) await this.scan();
    }
  }

  private scheduleDeleteCheck(missingSince: ReadonlyMap<string, number>): void {
    const { clock } = this.dependencies;
    const earliest = Math.min(...missingSince.values());
    const wait = Math.max(0, earliest + this.spec.deleteDelayMs - clock.now()) + 50;
    void clock.sleep(wait).then(() => {
      if (!this.stopped) void this.scan();
    });
  }
}

function describePause(
  reason: 'root-missing' | 'root-empty' | 'mass-delete',
  spec: FolderSpec,
  count: number,
): string {
  switch (reason) {
    case 'root-missing':
      return `${spec.root} is missing (an unmounted disk?): deletes are on hold so nothing is removed from the bucket.`;
    case 'root-empty':
      return `${spec.root} is empty while Ferry has synced files from it: deletes are on hold until you confirm.`;
    case 'mass-delete':
      return `${count} files are gone from ${spec.root}: deleting that many objects needs your confirmation.`;
  }
}
