/** One change seen by a watcher, relative to the watched root ("/"-separated, as on disk). */
export interface WatchEvent {
  readonly type: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';
  readonly relativePath: string;
}

export interface WatcherHandle {
  /** Resolves once the initial crawl is done and events are live. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Asked for every path; ignored paths are not watched (saves inotify watches). */
  readonly isIgnored: (relativePath: string, isDirectory: boolean) => boolean;
  /** Batches of coalesced events (one per path, latest type wins), delivered at most every
   *  `batchMs`. */
  readonly onBatch: (events: readonly WatchEvent[]) => void;
  /** The watcher cannot be trusted any more (inotify limit, EMFILE, root removed): the engine
   *  falls back to periodic rescans. The error is a SyncError that says how to fix it. */
  readonly onError: (error: unknown) => void;
  readonly batchMs: number;
}

/** Watches a folder tree. Real adapter: chokidar. */
export interface FileWatcher {
  watch(root: string, options: WatchOptions): WatcherHandle;
}
