import { toSyncError, type SyncError } from '../../../app/errors/sync-error.js';
import type { WatchEvent, WatchOptions } from '../../../app/ports/file-watcher.js';
import { rootStillThere } from './watch-root.js';
import { rootGoneError, toWatcherError, watcherErrorCode } from './watcher-error.js';

/**
 * What every watcher handle does with the caller's WatchOptions, whatever library sees the
 * changes: asks the ignore rules without letting them throw, delivers batches, reports each kind
 * of failure once, and notices when the watched root itself went away. Once closed it delivers
 * and reports nothing.
 */
export class WatchDelivery {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** Errors repeat for every path or directory they hit (thousands for ENOSPC): say each once. */
  private readonly reported = new Set<string>();

  constructor(
    readonly root: string,
    private readonly options: WatchOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops delivering and reporting, and cancels the flush that was due. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs `flush` once after `waitMs`, unless one is already due: events gather into a batch. */
  scheduleFlush(waitMs: number, flush: () => void): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      flush();
    }, waitMs).unref();
  }

  /** The caller's ignore rules; a throwing rule must not stop the watch (the scanner reports it). */
  isIgnored(relativePath: string, isDirectory: boolean): boolean {
    try {
      return this.options.isIgnored(relativePath, isDirectory);
    } catch {
      return false;
    }
  }

  deliver(events: readonly WatchEvent[]): void {
    if (this.closed || events.length === 0) return;
    try {
      this.options.onBatch(events);
    } catch (error) {
      this.failed(error);
    }
    // Neither library reliably says when the root itself is removed or unmounted (chokidar's
    // unlinkDir of the root is racy, inotify is silent on unmount): a batch of deletions is the
    // cue to look for ourselves.
    if (events.some((event) => event.type === 'unlink' || event.type === 'unlinkDir')) {
      void this.checkRootStillThere();
    }
  }

  /** Something threw while a timer resolved or delivered a batch: thrown from a timer it would
   *  crash the process, so the engine is told and rescans instead. */
  failed(error: unknown): void {
    this.options.onError(toSyncError(error));
  }

  /** A watcher library's error, as a SyncError with its fix, once per errno code. */
  report(error: unknown): void {
    this.reportOnce(watcherErrorCode(error) ?? 'unknown', toWatcherError(error, this.root));
  }

  reportRootGone(): void {
    this.reportOnce('root-gone', rootGoneError(this.root));
  }

  private async checkRootStillThere(): Promise<void> {
    if (!(await rootStillThere(this.root))) this.reportRootGone();
  }

  private reportOnce(key: string, error: SyncError): void {
    if (this.closed || this.reported.has(key)) return;
    this.reported.add(key);
    this.options.onError(error);
  }
}
