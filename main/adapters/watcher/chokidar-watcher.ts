import type { Stats } from 'node:fs';
import { resolve } from 'node:path';

import { watch, type FSWatcher } from 'chokidar';

import { toSyncError, type SyncError } from '../../../app/errors/sync-error.js';
import type {
  FileWatcher,
  WatchEvent,
  WatcherHandle,
  WatchOptions,
} from '../../../app/ports/file-watcher.js';
import { EventCoalescer } from '../../../app/sync/event-coalescer.js';
import { relativeToRoot, rootStillThere } from './watch-root.js';
import { rootGoneError, toWatcherError } from './watcher-error.js';

const EVENT_TYPES = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/**
 * FileWatcher on chokidar 5 (inotify on Linux: one watch per file and directory, which is why
 * ignored paths are never watched). chokidar's initial crawl is silent (`ignoreInitial`): the
 * engine scans the folder itself.
 */
export class ChokidarWatcher implements FileWatcher {
  watch(root: string, options: WatchOptions): WatcherHandle {
    return new ChokidarHandle(resolve(root), options);
  }
}

class ChokidarHandle implements WatcherHandle {
  readonly ready: Promise<void>;
  private readonly watcher: FSWatcher;
  private readonly pending = new EventCoalescer();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** chokidar repeats an error for every path it fails on (thousands for ENOSPC): say it once. */
  private readonly reported = new Set<string>();
  private markReady: () => void = () => {};

  constructor(
    private readonly root: string,
    private readonly options: WatchOptions,
  ) {
    this.watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      alwaysStat: false,
      ignored: (path: string, stats?: Stats) => this.isIgnored(path, stats),
    });
    this.ready = new Promise((done) => (this.markReady = done));
    this.watcher.once('ready', () => this.markReady());
    this.watcher.on('all', (type, path) => this.onEvent(type, path));
    // Without an 'error' listener chokidar's errors crash the process.
    this.watcher.on('error', (error) => this.report(error));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.drain();
    this.markReady(); // nobody waits forever on a watcher that was closed during its crawl
    await this.watcher.close();
  }

  private isIgnored(path: string, stats: Stats | undefined): boolean {
    const relativePath = relativeToRoot(this.root, path);
    if (relativePath === undefined || relativePath === '') return false;
    try {
      // Without stats chokidar asks again with them before it watches a directory, so "a file"
      // is a safe guess: directory-only patterns get their say on the second call.
      return this.options.isIgnored(relativePath, stats?.isDirectory() ?? false);
    } catch {
      return false; // a throw inside chokidar's filter would stop the crawl
    }
  }

  private onEvent(type: string, path: string): void {
    if (this.closed || !EVENT_TYPES.has(type)) return;
    const relativePath = relativeToRoot(this.root, path);
    if (relativePath === undefined) return;
    if (relativePath === '') {
      if (type === 'unlinkDir') this.reportRootGone();
      return;
    }
    this.pending.add({ type: type as WatchEvent['type'], relativePath });
    this.timer ??= setTimeout(() => this.flush(), this.options.batchMs).unref();
  }

  private flush(): void {
    this.timer = undefined;
    const events = this.pending.drain();
    if (this.closed || events.length === 0) return;
    try {
      this.options.onBatch(events);
    } catch (error) {
      // Thrown from a timer it would crash the process; the engine rescans instead.
      this.options.onError(toSyncError(error));
    }
    // chokidar's own unlinkDir for the root is racy (its re-read of the root may be throttled
    // away), so a batch of deletions is the cue to look for ourselves.
    if (events.some((event) => event.type === 'unlink' || event.type === 'unlinkDir')) {
      void this.checkRootStillThere();
    }
  }

  private async checkRootStillThere(): Promise<void> {
    if (!(await rootStillThere(this.root))) this.reportRootGone();
  }

  private reportRootGone(): void {
    this.reportOnce('root-gone', rootGoneError(this.root));
  }

  private report(error: unknown): void {
    if (this.closed) return;
    const code = (error as { code?: unknown } | null)?.code;
    this.reportOnce(typeof code === 'string' ? code : 'unknown', toWatcherError(error, this.root));
  }

  private reportOnce(key: string, error: SyncError): void {
    if (this.closed || this.reported.has(key)) return;
    this.reported.add(key);
    this.options.onError(error);
  }
}
