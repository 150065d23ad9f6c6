import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { Event as ParcelEvent, SubscribeCallback } from '@parcel/watcher';

import type { FileWatcher, WatcherHandle, WatchOptions } from '../../../app/ports/file-watcher.js';
import { EventCoalescer } from '../../../app/sync/event-coalescer.js';
import { crawlDirectories } from './directory-crawl.js';
import { KnownDirectories } from './known-directories.js';
import { pathKinds } from './path-kinds.js';
import { ParcelSubscriptions, type ParcelBinding } from './parcel-subscriptions.js';
import { WatchDelivery } from './watch-delivery.js';
import { relativeToRoot } from './watch-root.js';
import { capYoungGeneration } from '../system/young-generation-cap.js';

export type { ParcelBinding } from './parcel-subscriptions.js';

/**
 * @parcel/watcher holds events until 50 ms pass without another (500 ms at most) before it
 * reports them: that much of the batch window has gone by when they arrive here
 * (`MIN_WAIT_TIME` and `MAX_WAIT_TIME` in @parcel/watcher 2.6.0's src/Debounce.hh).
 */
const PARCEL_DEBOUNCE_MS = 50;
/**
 * FileWatcher on @parcel/watcher: native, one inotify watch per directory (not per file) and no
 * per-file state in JavaScript, so 100,000 files cost what 1,000 directories cost.
 *
 * Its inotify backend (2.6) only watches the directories that exist when it crawls, and one
 * directory per later `create`; it misses the subdirectories of a tree created at once
 * (`mkdir -p`, a moved-in or unpacked folder). So every new directory is listed here: what was
 * already inside it is reported as added, and each subdirectory found gets a subscription of its
 * own, which watches that whole subtree. Parcel reports neither file types nor a kernel queue
 * overflow; types come from lstat (and, for deletions, from the directories seen so far).
 */
export class ParcelWatcher implements FileWatcher {
  constructor(private readonly parcel: ParcelBinding) {}

  watch(root: string, options: WatchOptions): WatcherHandle {
    capYoungGeneration(); // a watching process lives long: its peak is the start-up scan
    return new ParcelHandle(resolve(root), options, this.parcel);
  }
}

class ParcelHandle implements WatcherHandle {
  readonly ready: Promise<void>;
  private readonly directories = new KnownDirectories();
  private readonly subscriptions: ParcelSubscriptions;
  private readonly delivery: WatchDelivery;
  private received: { readonly relativePath: string; readonly type: ParcelEvent['type'] }[] = [];
  /** Batches are resolved one after another (each may stat and list), in order. */
  private delivering: Promise<void> = Promise.resolve();
  private readonly callback: SubscribeCallback = (error, events) => this.receive(error, events);

  constructor(
    private readonly root: string,
    private readonly options: WatchOptions,
    parcel: ParcelBinding,
  ) {
    this.delivery = new WatchDelivery(root, options);
    const report = (error: unknown) => this.delivery.report(error);
    this.subscriptions = new ParcelSubscriptions(parcel, root, this.callback, report);
    this.ready = this.start().catch(report);
  }

  async close(): Promise<void> {
    if (this.delivery.isClosed) return;
    this.delivery.close();
    this.received = [];
    await this.ready;
    await this.subscriptions.close();
  }

  /**
   * Lists the directories (for deletions' types and the ignore list), then subscribes.
   *
   * Why before the subscription, not beside it: parcel applies the ignore list only while it
   * crawls (src/unix/fts.cc), then watches every directory of a tree it caches per root, shared
   * by every subscription of that root (src/DirTree.cc getCached, src/linux/InotifyBackend.cc
   * subscribe; @parcel/watcher 2.6.0). A subscription made without the list would put watches
   * on an ignored node_modules, and one made with it while the first lives would reuse that
   * tree. Cost (issue 15, 100,000 files in 1,000 directories): ~0.09 of this handle's ~0.48
   * CPU-s to ready; parcel's crawl, which lstats every file (fts), is the rest. The unit test
   * parcel-watcher.test.ts pins what this listing protects.
   */
  private async start(): Promise<void> {
    try {
      if (!(await stat(this.root)).isDirectory()) throw new Error('not a directory');
    } catch {
      this.delivery.reportRootGone();
      return;
    }
    const ignored: string[] = [];
    await crawlDirectories(this.root, '', {
      isIgnored: (path, isDirectory) => this.isIgnored(path, isDirectory),
      onDirectory: (path) => this.directories.add(path),
      onIgnoredDirectory: (path) => ignored.push(join(this.root, path)),
      cancelled: () => this.delivery.isClosed,
    });
    // Ignored directories are not watched at all; those created later are, but their events
    // are dropped here without asking about what is inside them.
    await this.subscriptions.add('', ignored);
  }

  private receive(error: Error | null, events: readonly ParcelEvent[]): void {
    if (this.delivery.isClosed) return;
    if (error) this.delivery.report(error);
    for (const event of events) {
      const relativePath = relativeToRoot(this.root, event.path);
      if (relativePath === undefined) continue;
      if (relativePath === '') {
        if (event.type === 'delete') this.delivery.reportRootGone();
        continue;
      }
      this.received.push({ relativePath, type: event.type });
    }
    if (this.received.length > 0) {
      const wait = Math.max(0, this.options.batchMs - PARCEL_DEBOUNCE_MS);
      this.delivery.scheduleFlush(wait, () => this.flushInOrder());
    }
  }

  private flushInOrder(): void {
    this.delivering = this.delivering
      .then(() => this.flush())
      .catch((error: unknown) => this.delivery.failed(error));
  }

  /** Turns parcel's create/update/delete into the port's typed, filtered, coalesced events. */
  private async flush(): Promise<void> {
    const received = this.received;
    this.received = [];
    const ignoredDirectories = new Map<string, boolean>();
    const underIgnored = (path: string) => this.underIgnoredDirectory(path, ignoredDirectories);
    const paths = [...new Set(received.map((event) => event.relativePath))].filter(
      (path) => !underIgnored(path),
    );
    const kinds = await pathKinds(this.root, paths);
    const batch = new EventCoalescer();
    for (const { relativePath, type } of received) {
      if (this.delivery.isClosed) return;
      const kind = kinds.get(relativePath);
      if (kind === undefined || underIgnored(relativePath)) continue;
      if (type === 'delete' || kind === 'missing') {
        // Created or changed, then gone: the deletion that follows says so.
        if (type === 'delete') this.deleted(relativePath, batch);
      } else if (kind === 'directory') {
        if (type === 'create' && !this.isIgnored(relativePath, true)) {
          await this.directoryAppeared(relativePath, batch);
        }
      } else if (!this.isIgnored(relativePath, false)) {
        batch.add({ type: type === 'create' ? 'add' : 'change', relativePath });
        this.directories.addAncestorsOf(relativePath);
      }
    }
    this.delivery.deliver(batch.drain());
  }

  private deleted(relativePath: string, batch: EventCoalescer): void {
    if (!this.directories.has(relativePath)) {
      batch.add({ type: 'unlink', relativePath });
      return;
    }
    batch.add({ type: 'unlinkDir', relativePath });
    this.directories.removeBelow(relativePath);
    this.subscriptions.removeBelow(relativePath);
  }

  /**
   * A new directory: reported with what it already holds (written before any watch could see
   * it), and every subdirectory gets a subscription before it is listed, so nothing created
   * meanwhile falls between the listing and the watch.
   */
  private async directoryAppeared(relativePath: string, batch: EventCoalescer): Promise<void> {
    batch.add({ type: 'addDir', relativePath });
    if (this.directories.has(relativePath)) return; // known: watched since the start
    this.directories.add(relativePath);
    this.directories.addAncestorsOf(relativePath);
    const subtrees: string[] = [];
    await crawlDirectories(this.root, relativePath, {
      isIgnored: (path, isDirectory) => this.isIgnored(path, isDirectory),
      onFile: (path) => batch.add({ type: 'add', relativePath: path }),
      onDirectory: (path) => subtrees.push(path),
      descend: false, // each subdirectory is listed below, once its subscription exists
    });
    for (const subtree of subtrees) {
      await this.subscriptions.add(subtree);
      batch.add({ type: 'addDir', relativePath: subtree });
      this.directories.add(subtree);
      await crawlDirectories(this.root, subtree, {
        isIgnored: (path, isDirectory) => this.isIgnored(path, isDirectory),
        onDirectory: (path) => {
          this.directories.add(path);
          batch.add({ type: 'addDir', relativePath: path });
        },
        onFile: (path) => batch.add({ type: 'add', relativePath: path }),
        cancelled: () => this.delivery.isClosed,
      });
    }
  }

  /** Whether a directory above the path is ignored, asking from the top (cached per batch). */
  private underIgnoredDirectory(relativePath: string, verdicts: Map<string, boolean>): boolean {
    for (
      let slash = relativePath.indexOf('/');
      slash > 0;
      slash = relativePath.indexOf('/', slash + 1)
    ) {
      const directory = relativePath.slice(0, slash);
      let ignored = verdicts.get(directory);
      if (ignored === undefined) {
        ignored = this.isIgnored(directory, true);
        verdicts.set(directory, ignored);
      }
      if (ignored) return true;
    }
    return false;
  }

  private isIgnored(relativePath: string, isDirectory: boolean): boolean {
    return this.delivery.isIgnored(relativePath, isDirectory);
  }
}
