import { toSyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileWatcher, WatchEvent, WatcherHandle } from '../ports/file-watcher.js';
import type { Logger } from '../ports/logger.js';
import { IGNORE_FILE_NAME } from '../sync/ignore-rules.js';
import type { EngineEvent } from './engine-events.js';
import { checkPathFast, type FastPathFolder } from './fast-path-check.js';

/** What watching one folder needs, besides the fast path's reads. */
export interface FolderWatchContext extends FastPathFolder {
  readonly watcher: FileWatcher;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly emit: (event: EngineEvent) => void;
  readonly timing: {
    readonly watchBatchMs: number;
    /** Full rescan interval (jittered ±10 %) to catch what the watcher missed. */
    readonly rescanIntervalMs: number;
    /** Rescan interval while the watcher is broken. */
    readonly fallbackRescanMs: number;
  };
  /** A full scan of the folder (joins one in progress). */
  readonly scan: () => Promise<unknown>;
  readonly stopped: () => boolean;
}

/**
 * Events a watcher begun ahead of start() may hold (folder-watch.ts, begin). Past this the held
 * ones are dropped: start()'s callers scan the whole folder right after it (sync-engine.ts, start
 * and startFolder), which sees every change they named; the cap only bounds memory when the
 * start-up steps take long (a slow token vendor) while something writes many files.
 */
const MAX_HELD_EVENTS = 10_000;

interface HeldReports {
  readonly batches: (readonly WatchEvent[])[];
  /** Events reported since begin(), kept or not. */
  count: number;
  error?: unknown;
}

/**
 * One folder's watcher and what follows from it: single files take the fast path, anything the
 * planner's safety rules must see (directory moves, mirror deletes, a changed .ferryignore) asks
 * for a full scan, and periodic rescans catch what the watcher missed — every minute or so once
 * the watcher has failed and cannot be trusted.
 */
export class FolderWatch {
  private handle: WatcherHandle | undefined;
  private broken = false;
  /** What the watcher reported between begin() and start(), held back (see begin). */
  private held: HeldReports | undefined;

  constructor(private readonly folder: FolderWatchContext) {}

  /** Watching, and the watcher has not failed. */
  get trusted(): boolean {
    return this.handle !== undefined && this.held === undefined && !this.broken;
  }

  /**
   * Subscribes now, ahead of start(), so the watcher's own crawl of the tree (@parcel/watcher
   * stats every entry on its own thread: 100,000 files ~0.3 s) runs beside the start-up steps
   * that wait on the network (a token, the preflight, the abandoned-upload aborts) instead of
   * after them (issue 15: spawn → watching 100,000 files). What it reports meanwhile is held
   * until start(): nothing may be uploaded before those steps end, and the full scan that follows
   * start() sees every change the held events name anyway. A no-op once subscribed.
   */
  begin(): void {
    const { folder } = this;
    // A session closed while its preflight ran: a watcher started now would never be closed.
    if (this.handle || folder.stopped()) return;
    const held: HeldReports = { batches: [], count: 0 };
    this.held = held;
    this.handle = folder.watcher.watch(folder.spec.root, {
      batchMs: folder.timing.watchBatchMs,
      isIgnored: (relativePath, isDirectory) => folder.rules.isIgnored(relativePath, isDirectory),
      onBatch: (events) => {
        if (this.held !== held) void this.onBatch(events);
        else if ((held.count += events.length) <= MAX_HELD_EVENTS) held.batches.push(events);
        else held.batches.length = 0; // too many to keep: the scan after start() sees them all
      },
      onError: (error) => {
        if (this.held === held) held.error ??= error;
        else this.onError(error);
      },
    });
  }

  /** Watches (subscribing, unless begin() did), lets held events through, rescans periodically. */
  async start(): Promise<void> {
    const { folder } = this;
    if (folder.stopped() || (this.handle && !this.held)) return; // stopped, or already live
    this.begin();
    await this.handle?.ready;
    // stop() ran while it got ready: it closed this handle; no rescans for a stopped folder.
    if (folder.stopped() || !this.held) return;
    const { batches, error } = this.held;
    this.held = undefined;
    if (error !== undefined) this.onError(error);
    for (const events of batches) void this.onBatch(events);
    void this.rescanLoop();
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.held = undefined;
    await handle?.close();
  }

  private async onBatch(events: readonly WatchEvent[]): Promise<void> {
    const { folder } = this;
    let needsScan = false;
    for (const event of events) {
      const name = event.relativePath.split('/').pop();
      if (name === IGNORE_FILE_NAME) {
        folder.rules.forgetDirectory(
          event.relativePath.slice(0, -IGNORE_FILE_NAME.length).replace(/\/$/, ''),
        );
        needsScan = true;
      } else if (
        event.type === 'addDir' ||
        event.type === 'unlinkDir' ||
        (event.type === 'unlink' && folder.spec.mode === 'mirror')
      ) {
        // Directory moves and mirror deletes go through the full planner and its safety rules.
        needsScan = true;
      } else {
        await checkPathFast(folder, event.relativePath);
      }
    }
    if (needsScan) void folder.scan();
  }

  private onError(thrown: unknown): void {
    const { folder } = this;
    const error = toSyncError(thrown, 'watcher-failed');
    this.broken = true;
    folder.logger.error('watcher failed; falling back to periodic rescans', {
      folder: folder.spec.id,
      error: error.message,
    });
    folder.emit({
      type: 'watcher-error',
      folderId: folder.spec.id,
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
    void folder.scan();
  }

  private async rescanLoop(): Promise<void> {
    const { clock, random, timing, stopped } = this.folder;
    while (!stopped()) {
      const base = this.broken ? timing.fallbackRescanMs : timing.rescanIntervalMs;
      await clock.sleep(base * (0.9 + 0.2 * random()));
      if (!stopped()) await this.folder.scan();
    }
  }
}
