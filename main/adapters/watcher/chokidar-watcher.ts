import type { Stats } from 'node:fs';
import { resolve } from 'node:path';

import type { FSWatcher } from 'chokidar';

import type {
  FileWatcher,
  WatchEvent,
  WatcherHandle,
  WatchOptions,
} from '../../../app/ports/file-watcher.js';
import { EventCoalescer } from '../../../app/sync/event-coalescer.js';
import { WatchDelivery } from './watch-delivery.js';
import { relativeToRoot } from './watch-root.js';
import { capYoungGeneration } from '../system/young-generation-cap.js';
import { chokidar } from '../system/lazy-modules.js';

const EVENT_TYPES = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/**
 * FileWatcher on chokidar 5 (inotify on Linux: one watch per file and directory, which is why
 * ignored paths are never watched). chokidar's initial crawl is silent (`ignoreInitial`): the
 * engine scans the folder itself.
 */
export class ChokidarWatcher implements FileWatcher {
  watch(root: string, options: WatchOptions): WatcherHandle {
    capYoungGeneration(); // a watching process lives long: its peak is the start-up scan
    return new ChokidarHandle(resolve(root), options);
  }
}

class ChokidarHandle implements WatcherHandle {
  readonly ready: Promise<void>;
  private readonly watcher: FSWatcher;
  private readonly delivery: WatchDelivery;
  private readonly pending = new EventCoalescer();
  private markReady: () => void = () => {};

  constructor(
    private readonly root: string,
    private readonly options: WatchOptions,
  ) {
    this.delivery = new WatchDelivery(root, options);
    this.watcher = chokidar().watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      alwaysStat: false,
      ignored: (path: string, stats?: Stats) => this.isIgnored(path, stats),
    });
    this.ready = new Promise((done) => (this.markReady = done));
    this.watcher.once('ready', () => this.markReady());
    this.watcher.on('all', (type, path) => this.onEvent(type, path));
    // Without an 'error' listener chokidar's errors crash the process.
    this.watcher.on('error', (error) => this.delivery.report(error));
  }

  async close(): Promise<void> {
    if (this.delivery.isClosed) return;
    this.delivery.close();
    this.pending.drain();
    this.markReady(); // nobody waits forever on a watcher that was closed during its crawl
    await this.watcher.close();
  }

  private isIgnored(path: string, stats: Stats | undefined): boolean {
    const relativePath = relativeToRoot(this.root, path);
    if (relativePath === undefined || relativePath === '') return false;
    // Without stats chokidar asks again with them before it watches a directory, so "a file"
    // is a safe guess: directory-only patterns get their say on the second call. (A throw
    // inside chokidar's filter would stop the crawl: the delivery's isIgnored never throws.)
    return this.delivery.isIgnored(relativePath, stats?.isDirectory() ?? false);
  }

  private onEvent(type: string, path: string): void {
    if (this.delivery.isClosed || !EVENT_TYPES.has(type)) return;
    const relativePath = relativeToRoot(this.root, path);
    if (relativePath === undefined) return;
    if (relativePath === '') {
      if (type === 'unlinkDir') this.delivery.reportRootGone();
      return;
    }
    this.pending.add({ type: type as WatchEvent['type'], relativePath });
    this.delivery.scheduleFlush(this.options.batchMs, () =>
      this.delivery.deliver(this.pending.drain()),
    );
  }
}
