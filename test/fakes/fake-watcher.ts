import { toSyncError } from '../../app/errors/sync-error.js';
import type {
  FileWatcher,
  WatchEvent,
  WatcherHandle,
  WatchOptions,
} from '../../app/ports/file-watcher.js';
import { EventCoalescer } from '../../app/sync/event-coalescer.js';

interface Registration {
  readonly root: string;
  readonly options: WatchOptions;
}

/**
 * A watcher the test drives: `emit` delivers a batch synchronously to the open watchers of a
 * root, shaped the way the real watchers shape one (test/contracts/file-watcher-contract.ts):
 * ignored paths and paths below an ignored directory dropped, a throwing ignore rule counted as
 * "not ignored", one event per path, and a throwing onBatch reported through onError.
 */
export class FakeWatcher implements FileWatcher {
  private readonly open = new Set<Registration>();

  watch(root: string, options: WatchOptions): WatcherHandle {
    const registration: Registration = { root, options };
    this.open.add(registration);
    return {
      ready: Promise.resolve(),
      close: () => {
        this.open.delete(registration);
        return Promise.resolve();
      },
    };
  }

  /** Delivers one batch to every open watcher of `root`; throws when nobody watches it. */
  emit(root: string, events: readonly WatchEvent[]): void {
    for (const { options } of this.watchersOf(root)) {
      const coalescer = new EventCoalescer();
      for (const event of events) {
        const isDirectory = event.type === 'addDir' || event.type === 'unlinkDir';
        if (!isIgnored(options, event.relativePath, isDirectory)) coalescer.add(event);
      }
      const batch = coalescer.drain();
      if (batch.length === 0) continue;
      try {
        options.onBatch(batch);
      } catch (error) {
        options.onError(toSyncError(error));
      }
    }
  }

  /** Reports a watcher failure (inotify limit, root gone) to every open watcher of `root`. */
  fail(root: string, error: unknown): void {
    for (const { options } of this.watchersOf(root)) options.onError(error);
  }

  /** Roots with an open watcher, once per watcher. */
  get openRoots(): string[] {
    return [...this.open].map((registration) => registration.root);
  }

  get openCount(): number {
    return this.open.size;
  }

  isWatching(root: string): boolean {
    return [...this.open].some((registration) => registration.root === root);
  }

  private watchersOf(root: string): Registration[] {
    const watchers = [...this.open].filter((registration) => registration.root === root);
    if (watchers.length === 0) throw new Error(`FakeWatcher: nothing watches ${root}`);
    return watchers;
  }
}

/** As the real watchers ask: each directory above the path from the top, then the path itself
 *  (they never look inside an ignored directory); a rule that throws ignores nothing. */
function isIgnored(options: WatchOptions, relativePath: string, isDirectory: boolean): boolean {
  const ask = (path: string, directory: boolean) => {
    try {
      return options.isIgnored(path, directory);
    } catch {
      return false;
    }
  };
  const parts = relativePath.split('/');
  for (let depth = 1; depth < parts.length; depth++) {
    if (ask(parts.slice(0, depth).join('/'), true)) return true;
  }
  return ask(relativePath, isDirectory);
}
