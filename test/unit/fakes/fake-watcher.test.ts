import { SyncError } from '../../../app/errors/sync-error.js';
import type { WatchEvent } from '../../../app/ports/file-watcher.js';
import {
  describeFileWatcherContract,
  type WatchedFolder,
} from '../../contracts/file-watcher-contract.js';
import { FakeWatcher } from '../../fakes/fake-watcher.js';

let folders = 0;

/**
 * A folder that exists only as a list of paths: each change emits, on the FakeWatcher, the events
 * a real watcher reports for it (a removed or renamed directory: its contents, then itself).
 */
function simulatedFolder(): WatchedFolder {
  const root = `/simulated/folder-${++folders}`;
  const fake = new FakeWatcher();
  const entries = new Map<string, 'file' | 'directory'>();
  const emit = (events: WatchEvent[]) => {
    if (fake.isWatching(root)) fake.emit(root, events);
  };
  const below = (directory: string) =>
    [...entries]
      .filter(([path]) => path.startsWith(`${directory}/`))
      .sort(([a], [b]) => (a < b ? -1 : 1));
  const gone = (path: string): WatchEvent[] => {
    const events: WatchEvent[] = below(path)
      .reverse()
      .map(([inside, kind]) => ({
        type: kind === 'directory' ? 'unlinkDir' : 'unlink',
        relativePath: inside,
      }));
    events.push({
      type: entries.get(path) === 'directory' ? 'unlinkDir' : 'unlink',
      relativePath: path,
    });
    for (const [inside] of below(path)) entries.delete(inside);
    entries.delete(path);
    return events;
  };
  return {
    root,
    makeWatcher: () => fake,
    mkdir: (path) => {
      const events: WatchEvent[] = [];
      const parts = path.split('/');
      for (let depth = 1; depth <= parts.length; depth++) {
        const directory = parts.slice(0, depth).join('/');
        if (entries.has(directory)) continue;
        entries.set(directory, 'directory');
        events.push({ type: 'addDir', relativePath: directory });
      }
      emit(events);
      return Promise.resolve();
    },
    write: (path) => {
      emit([{ type: entries.has(path) ? 'change' : 'add', relativePath: path }]);
      entries.set(path, 'file');
      return Promise.resolve();
    },
    append: (path) => {
      emit([{ type: 'change', relativePath: path }]);
      return Promise.resolve();
    },
    rename: (from, to) => {
      const kind = entries.get(from) ?? 'file';
      const moved = below(from).map(([path, k]) => [`${to}${path.slice(from.length)}`, k] as const);
      const events = gone(from);
      entries.set(to, kind);
      events.push({ type: kind === 'directory' ? 'addDir' : 'add', relativePath: to });
      for (const [path, k] of moved) {
        entries.set(path, k);
        events.push({ type: k === 'directory' ? 'addDir' : 'add', relativePath: path });
      }
      emit(events);
      return Promise.resolve();
    },
    remove: (path) => {
      emit(gone(path));
      return Promise.resolve();
    },
    removeRoot: () => {
      entries.clear();
      if (fake.isWatching(root)) {
        fake.fail(
          root,
          new SyncError('watcher-failed', 'retry', `The folder ${root} was removed or unmounted.`),
        );
      }
      return Promise.resolve();
    },
    cleanup: () => Promise.resolve(),
  };
}

describeFileWatcherContract('FakeWatcher', () => Promise.resolve(simulatedFolder()));
