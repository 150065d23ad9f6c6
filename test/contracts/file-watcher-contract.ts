import { afterEach, describe, expect, it } from 'vitest';

import { SyncError } from '../../app/errors/sync-error.js';
import type {
  FileWatcher,
  WatcherHandle,
  WatchEvent,
  WatchOptions,
} from '../../app/ports/file-watcher.js';
import { IgnoreRules } from '../../app/sync/ignore-rules.js';

/**
 * A folder the contract changes while a watcher watches it: a real temp folder for the real
 * adapters, a simulated one that drives the FakeWatcher for the fake. Paths are '/'-separated,
 * relative to `root`.
 */
export interface WatchedFolder {
  readonly root: string;
  /** A new watcher on this folder (several may watch it at once). */
  makeWatcher(): FileWatcher;
  /** Creates the directory and any missing parents. */
  mkdir(relativePath: string): Promise<void>;
  /** Creates or replaces a file (its directory exists). */
  write(relativePath: string, content: string): Promise<void>;
  append(relativePath: string, content: string): Promise<void>;
  /** Moves a file or directory tree within the folder. */
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file or a whole directory tree. */
  remove(relativePath: string): Promise<void>;
  /** Deletes the watched folder itself. */
  removeRoot(): Promise<void>;
  cleanup(): Promise<void>;
}

/** How long a real watcher may take to report; the fake reports at once. */
const WAIT_MS = 10_000;

export interface Watching {
  readonly handle: WatcherHandle;
  readonly batches: (readonly WatchEvent[])[];
  readonly errors: unknown[];
  /** Every event delivered so far, as "type path". */
  seen(): string[];
  waitFor(what: string, predicate: () => boolean): Promise<void>;
  /** Waits until these events have been delivered (in any batches, in any order). */
  waitForEvents(...events: string[]): Promise<void>;
}

/**
 * Starts watching `root` with a recording WatchOptions (no ignores, 100 ms batches unless
 * `options` says otherwise) and waits until the watcher is ready; `onCleanup` gets its close.
 */
export async function startWatching(
  watcher: FileWatcher,
  root: string,
  onCleanup: (step: () => Promise<void>) => void,
  options: Partial<WatchOptions> = {},
): Promise<Watching> {
  const batches: (readonly WatchEvent[])[] = [];
  const errors: unknown[] = [];
  const handle = watcher.watch(root, {
    isIgnored: () => false,
    onBatch: (events) => batches.push(events),
    onError: (error) => errors.push(error),
    batchMs: 100,
    ...options,
  });
  onCleanup(() => handle.close());
  await handle.ready;
  const seen = () => batches.flat().map((event) => `${event.type} ${event.relativePath}`);
  const waitFor = async (what: string, predicate: () => boolean) => {
    const deadline = Date.now() + WAIT_MS;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; batches: ${JSON.stringify(batches)}`);
      }
      await pause(20);
    }
  };
  return {
    handle,
    batches,
    errors,
    seen,
    waitFor,
    waitForEvents: (...events) =>
      waitFor(events.join(', '), () => events.every((event) => seen().includes(event))),
  };
}

/**
 * What every FileWatcher does, the fake included: relative '/'-separated paths, one event per
 * path in a batch, nothing for ignored paths or below ignored directories, nothing after close,
 * a throwing ignore rule or batch handler never stops the watch, and a removed root is reported
 * as `watcher-failed`.
 */
export function describeFileWatcherContract(
  name: string,
  makeFolder: () => Promise<WatchedFolder>,
): void {
  describe(`FileWatcher contract: ${name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const step of cleanup.splice(0).reverse()) await step();
    });

    async function folder(): Promise<WatchedFolder> {
      const made = await makeFolder();
      cleanup.push(() => made.cleanup());
      return made;
    }

    const watching = (on: WatchedFolder, options: Partial<WatchOptions> = {}) =>
      startWatching(on.makeWatcher(), on.root, (step) => cleanup.push(step), options);

    it('delivers create, modify, rename, delete and mkdir in batches with relative paths', async () => {
      const at = await folder();
      const watcher = await watching(at);

      await at.mkdir('docs/sub');
      await at.write('docs/sub/café 1.txt', 'one');
      await watcher.waitForEvents('addDir docs', 'addDir docs/sub', 'add docs/sub/café 1.txt');

      await at.append('docs/sub/café 1.txt', ' more');
      await watcher.waitForEvents('change docs/sub/café 1.txt');

      await at.rename('docs/sub/café 1.txt', 'docs/renamed.txt');
      await watcher.waitForEvents('unlink docs/sub/café 1.txt', 'add docs/renamed.txt');

      await at.remove('docs/renamed.txt');
      await watcher.waitForEvents('unlink docs/renamed.txt');

      await at.remove('docs');
      await watcher.waitForEvents('unlinkDir docs');

      expect(watcher.errors).toEqual([]);
      for (const event of watcher.batches.flat()) {
        expect(event.relativePath).not.toMatch(/^\/|\\/); // relative, '/'-separated
        expect(event.relativePath.startsWith(at.root)).toBe(false);
      }
    });

    it('coalesces the events of one batch window to one per path', async () => {
      const at = await folder();
      const watcher = await watching(at, { batchMs: 1500 });

      await at.write('x.txt', '1');
      await at.append('x.txt', '2');
      await at.append('x.txt', '3');
      await at.write('y.txt', 'y');
      await at.append('y.txt', 'y');
      await watcher.waitForEvents('add x.txt', 'add y.txt');

      for (const batch of watcher.batches) {
        const paths = batch.map((event) => event.relativePath);
        expect(new Set(paths).size).toBe(paths.length);
      }
      // The first time x.txt shows up it is an add, whatever changes followed within the window.
      const first = watcher.batches.flat().find((event) => event.relativePath === 'x.txt');
      expect(first?.type).toBe('add');
      expect(watcher.batches[0]).toEqual(
        expect.arrayContaining([{ type: 'add', relativePath: 'x.txt' }]),
      );
    });

    it('produces no events for ignored paths, and never looks inside ignored directories', async () => {
      const at = await folder();
      await at.mkdir('build');
      await at.write('build/old.js', 'old');
      const rules = new IgnoreRules(['*.log', 'build/', 'cache/']);
      const asked: string[] = [];
      const watcher = await watching(at, {
        isIgnored: (path, isDirectory) => {
          asked.push(`${path}${isDirectory ? '/' : ''}`);
          return rules.isIgnored(path, isDirectory);
        },
      });

      await at.write('build/old.js', 'changed');
      await at.write('build/new.js', 'new');
      await at.write('app.log', 'log');
      await at.mkdir('cache');
      await at.write('cache/blob', 'blob');
      await at.write('.DS_Store', 'junk'); // a default rule
      // Watchers report in order: once this arrives, events for the writes above would have too.
      await at.write('sentinel.txt', 'last');
      await watcher.waitForEvents('add sentinel.txt');

      expect(watcher.seen()).toEqual(['add sentinel.txt']);
      expect(asked).toContain('build/'); // asked with the directory flag
      expect(asked.some((path) => path.startsWith('build/') && path !== 'build/')).toBe(false);
    });

    it('keeps watching when an ignore rule throws, counting the path as not ignored', async () => {
      const at = await folder();
      const watcher = await watching(at, {
        isIgnored: (path) => {
          if (path === 'odd.txt') throw new Error('a broken rule');
          return false;
        },
      });

      await at.write('odd.txt', 'o');
      await at.write('even.txt', 'e');
      await watcher.waitForEvents('add odd.txt', 'add even.txt');
      expect(watcher.errors).toEqual([]);
    });

    it('reports a throwing batch handler through onError and goes on delivering', async () => {
      const at = await folder();
      const batches: string[][] = [];
      const errors: unknown[] = [];
      const handle = at.makeWatcher().watch(at.root, {
        isIgnored: () => false,
        onBatch: (events) => {
          batches.push(events.map((event) => `${event.type} ${event.relativePath}`));
          if (batches.length === 1) throw new Error('the engine tripped');
        },
        onError: (error) => errors.push(error),
        batchMs: 100,
      });
      cleanup.push(() => handle.close());
      await handle.ready;

      await at.write('first.txt', '1');
      const deadline = Date.now() + WAIT_MS;
      while (errors.length === 0 && Date.now() < deadline) await pause(20);
      await at.write('second.txt', '2');
      while (!batches.flat().includes('add second.txt') && Date.now() < deadline) await pause(20);

      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(SyncError);
      expect((errors[0] as SyncError).message).toContain('the engine tripped');
      expect(batches.flat()).toContain('add second.txt');
    });

    it('delivers nothing once closed, and closing twice is harmless', async () => {
      const at = await folder();
      const watcher = await watching(at, { batchMs: 300 });
      await at.write('a.txt', 'a');
      await watcher.waitForEvents('add a.txt');

      // A real watcher still holds this one for its batch window; the fake has delivered it.
      await at.write('pending.txt', 'p');
      await watcher.handle.close();
      await watcher.handle.close();
      const delivered = watcher.batches.length;

      // A second watcher on the same folder is the clock: once it has delivered a batch for a
      // later write, the closed one's timer (had it survived) would have fired too.
      const control = await watching(at, { batchMs: 300 });
      await at.write('b.txt', 'b');
      await control.waitForEvents('add b.txt');

      expect(watcher.batches).toHaveLength(delivered);
      expect(watcher.errors).toEqual([]);
    });

    it('resolves ready even when closed before the crawl is done', async () => {
      const at = await folder();
      const handle = at.makeWatcher().watch(at.root, {
        isIgnored: () => false,
        onBatch: () => {},
        onError: () => {},
        batchMs: 100,
      });
      await handle.close();
      await expect(handle.ready).resolves.toBeUndefined();
    });

    it('sees inside a tree created at once, including later writes deep inside it', async () => {
      const at = await folder();
      const watcher = await watching(at);

      await at.mkdir('a/b/c');
      await at.write('a/b/c/early.txt', 'written before any watch');
      await watcher.waitForEvents('addDir a', 'addDir a/b', 'addDir a/b/c', 'add a/b/c/early.txt');

      // The deepest directory is watched too, not only the one whose creation was seen.
      await at.write('a/b/c/later.txt', 'later');
      await at.append('a/b/c/early.txt', ' and changed');
      await watcher.waitForEvents('add a/b/c/later.txt', 'change a/b/c/early.txt');

      await at.remove('a');
      await watcher.waitForEvents('unlinkDir a');
      expect(watcher.errors).toEqual([]);
    });

    it('reports a renamed folder as gone at its old path and added at the new one', async () => {
      const at = await folder();
      await at.mkdir('old/sub');
      await at.write('old/sub/f.txt', 'f');
      const watcher = await watching(at);

      await at.rename('old', 'new');
      await watcher.waitForEvents('unlinkDir old', 'addDir new');
      await at.write('new/sub/g.txt', 'g');
      await watcher.waitForEvents('add new/sub/g.txt');
      expect(watcher.errors).toEqual([]);
    });

    it('reports the folder root disappearing as watcher-failed', async () => {
      const at = await folder();
      await at.write('a.txt', 'a');
      const watcher = await watching(at);

      await at.removeRoot();
      await watcher.waitFor('an error', () => watcher.errors.length > 0);
      const error = watcher.errors[0] as SyncError;
      expect(error).toBeInstanceOf(SyncError);
      expect(error.code).toBe('watcher-failed');
      expect(error.message).toContain(at.root);
    });
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
