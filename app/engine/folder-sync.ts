import { toSyncError, type SyncError } from '../errors/sync-error.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import type { FileWatcher } from '../ports/file-watcher.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectInfo, ObjectStore } from '../ports/object-store.js';
import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec, LocalFile } from '../sync/folder-spec.js';
import { scanFolder } from '../sync/folder-scanner.js';
import { IgnoreRules } from '../sync/ignore-rules.js';
import { folderKeyMapping, keyCollisionError, KeyIndex } from '../sync/key-collisions.js';
import type { KeyMapping } from '../sync/key-collisions.js';
import { planFolder, type Plan } from '../sync/planner.js';
import type { TransferQueue } from '../transfer/transfer-queue.js';
import { DeleteHold } from './delete-hold.js';
import type { EngineEvent } from './engine-events.js';
import { FolderWatch } from './folder-watch.js';
import { applyPlan } from './plan-application.js';
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
 * Here: scanning and planning, and the folder's state. Elsewhere, by job: watching and the
 * rescans (folder-watch.ts, fast-path-check.ts), carrying out a plan (plan-application.ts),
 * deletes held for the user (delete-hold.ts), the file records (app/sync/file-ledger.ts).
 */
export class FolderSync {
  readonly rules: IgnoreRules;
  /** Mirror-mode deletes held back (root missing or emptied, mass delete) and their delay. */
  private readonly hold: DeleteHold;
  private readonly watch: FolderWatch;
  private stopped = false;
  private scanning: Promise<Plan | null> | undefined;
  private rescanRequested = false;
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
    this.hold = new DeleteHold(spec);
    this.watch = new FolderWatch({
      ...dependencies,
      spec,
      rules: this.rules,
      keyIndex: () => this.keyIndex,
      timing: options,
      scan: () => this.scan(),
      stopped: () => this.stopped,
    });
  }

  /** Why the folder's deletes wait for the user (delete-hold.ts), or null. */
  get pauseReason(): string | null {
    return this.hold.reason;
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
    return this.watch.trusted ? 'watching' : 'idle';
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
    this.hold.confirm();
  }

  /** Subscribes the folder's watcher ahead of startWatching; its events wait (folder-watch.ts). */
  beginWatching(): void {
    this.watch.begin();
  }

  /** Closes a watcher begun for a folder that is not started now; startWatching subscribes anew. */
  endWatching(): Promise<void> {
    return this.watch.close();
  }

  /** Watches the folder (folder-watch.ts), with periodic rescans, until stop(). */
  startWatching(): Promise<void> {
    return this.watch.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watch.close();
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
      const { ledger, queue } = this.dependencies;
      applyPlan(plan, { spec: this.spec, queue, ledger, hold: this.hold, emit });
      if (plan.deletePause === null && plan.missingSince.size > 0) {
        this.scheduleDeleteCheck(plan.missingSince);
      }
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
    files: ReadonlyMap<string, LocalFile> | null,
    remote: Map<string, ObjectInfo> | undefined,
    dryRun: boolean,
  ): Plan {
    const keyIndex = KeyIndex.of(files?.keys() ?? [], this.keyMapping);
    const plan = planFolder({
      mode: this.spec.mode,
      local: files,
      journal: this.dependencies.ledger.summariesOf(this.spec.id),
      ...(remote ? { remote } : {}),
      missingSince: this.hold.missingSince,
      now: this.dependencies.clock.now(),
      deleteDelayMs: this.spec.deleteDelayMs,
      massDeleteCount: this.options.massDeleteCount,
      massDeleteFraction: this.options.massDeleteFraction,
      deletesConfirmed: this.hold.deletesConfirmed,
      keys: this.keyMapping,
      keyIndex,
    });
    if (!dryRun) {
      this.hold.missingSince = plan.missingSince;
      this.keyIndex = keyIndex;
    }
    return plan;
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

  private scheduleDeleteCheck(missingSince: ReadonlyMap<string, number>): void {
    const { clock } = this.dependencies;
    const earliest = Math.min(...missingSince.values());
    const wait = Math.max(0, earliest + this.spec.deleteDelayMs - clock.now()) + 50;
    void clock.sleep(wait).then(() => {
      if (!this.stopped) void this.scan();
    });
  }
}
