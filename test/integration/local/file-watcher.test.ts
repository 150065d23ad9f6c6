import { createRequire } from 'node:module';
import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { SyncError } from '../../../app/errors/sync-error.js';
import type {
  FileWatcher,
  WatcherHandle,
  WatchEvent,
  WatchOptions,
} from '../../../app/ports/file-watcher.js';
import { IgnoreRules } from '../../../app/sync/ignore-rules.js';
import { ChokidarWatcher } from '../../../main/adapters/watcher/chokidar-watcher.js';
import {
  ParcelWatcher,
  type ParcelBinding,
} from '../../../main/adapters/watcher/parcel-watcher.js';
import { toWatcherError } from '../../../main/adapters/watcher/watcher-error.js';

/** Every adapter honours the same contract: each runs the whole suite. */
const ADAPTERS: readonly (readonly [string, () => FileWatcher])[] = [
  ['ChokidarWatcher', () => new ChokidarWatcher()],
  [
    'ParcelWatcher',
    () => new ParcelWatcher(createRequire(import.meta.url)('@parcel/watcher') as ParcelBinding),
  ],
];

const WAIT_MS = 10_000;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-watch-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

interface Watching {
  readonly handle: WatcherHandle;
  readonly batches: (readonly WatchEvent[])[];
  readonly errors: unknown[];
  /** Every event delivered so far, as "type path". */
  seen(): string[];
  /** Resolves once `predicate` holds, polling; fails after 10 s with what was seen. */
  waitFor(what: string, predicate: () => boolean): Promise<void>;
  /** Waits until these events have been delivered (in any batches, in any order). */
  waitForEvents(...events: string[]): Promise<void>;
}

async function watching(
  watcher: FileWatcher,
  root: string,
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
  cleanup.push(() => handle.close());
  await handle.ready;
  const seen = () => batches.flat().map((event) => `${event.type} ${event.relativePath}`);
  const waitFor = async (what: string, predicate: () => boolean) => {
    const deadline = Date.now() + WAIT_MS;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; batches: ${JSON.stringify(batches)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
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

describe.each(ADAPTERS)('%s', (_name, makeWatcher) => {
  it('delivers create, modify, rename, delete and mkdir in batches with relative paths', async () => {
    const root = await tempRoot();
    const watcher = await watching(makeWatcher(), root);

    await mkdir(join(root, 'docs', 'sub'), { recursive: true });
    await writeFile(join(root, 'docs', 'sub', 'café 1.txt'), 'one');
    await watcher.waitForEvents('addDir docs', 'addDir docs/sub', 'add docs/sub/café 1.txt');

    await appendFile(join(root, 'docs', 'sub', 'café 1.txt'), ' more');
    await watcher.waitForEvents('change docs/sub/café 1.txt');

    await rename(join(root, 'docs', 'sub', 'café 1.txt'), join(root, 'docs', 'renamed.txt'));
    await watcher.waitForEvents('unlink docs/sub/café 1.txt', 'add docs/renamed.txt');

    await rm(join(root, 'docs', 'renamed.txt'));
    await watcher.waitForEvents('unlink docs/renamed.txt');

    await rm(join(root, 'docs'), { recursive: true });
    await watcher.waitForEvents('unlinkDir docs');

    expect(watcher.errors).toEqual([]);
    for (const event of watcher.batches.flat()) {
      expect(event.relativePath).not.toMatch(/^\/|\\/); // relative, '/'-separated
      expect(event.relativePath.startsWith(root)).toBe(false);
    }
  });

  it('coalesces the events of one batch window to one per path', async () => {
    const root = await tempRoot();
    const watcher = await watching(makeWatcher(), root, { batchMs: 1500 });

    await writeFile(join(root, 'x.txt'), '1');
    await appendFile(join(root, 'x.txt'), '2');
    await appendFile(join(root, 'x.txt'), '3');
    await writeFile(join(root, 'y.txt'), 'y');
    await appendFile(join(root, 'y.txt'), 'y');
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
    const root = await tempRoot();
    await mkdir(join(root, 'build'));
    await writeFile(join(root, 'build', 'old.js'), 'old');
    const rules = new IgnoreRules(['*.log', 'build/', 'cache/']);
    const asked: string[] = [];
    const watcher = await watching(makeWatcher(), root, {
      isIgnored: (path, isDirectory) => {
        asked.push(`${path}${isDirectory ? '/' : ''}`);
        return rules.isIgnored(path, isDirectory);
      },
    });

    await writeFile(join(root, 'build', 'old.js'), 'changed');
    await writeFile(join(root, 'build', 'new.js'), 'new');
    await writeFile(join(root, 'app.log'), 'log');
    await mkdir(join(root, 'cache'));
    await writeFile(join(root, 'cache', 'blob'), 'blob');
    await writeFile(join(root, '.DS_Store'), 'junk'); // a default rule
    // inotify reports in order: once this arrives, events for the writes above would have too.
    await writeFile(join(root, 'sentinel.txt'), 'last');
    await watcher.waitForEvents('add sentinel.txt');

    expect(watcher.seen()).toEqual(['add sentinel.txt']);
    expect(asked).toContain('build/'); // asked with the directory flag from chokidar's stats
    expect(asked.some((path) => path.startsWith('build/') && path !== 'build/')).toBe(false);
  });

  it('stops delivering when closed, including a batch still waiting for its timer', async () => {
    const root = await tempRoot();
    const watcher = await watching(makeWatcher(), root, { batchMs: 300 });
    await writeFile(join(root, 'a.txt'), 'a');
    await watcher.waitForEvents('add a.txt');
    const delivered = watcher.batches.length;

    await writeFile(join(root, 'pending.txt'), 'p');
    await watcher.handle.close();

    // A second watcher on the same folder is the clock: once it has delivered a batch for a later
    // write, the closed one's 300 ms timer (had it survived) would have fired too.
    const control = await watching(makeWatcher(), root, { batchMs: 300 });
    await writeFile(join(root, 'b.txt'), 'b');
    await control.waitForEvents('add b.txt');

    expect(watcher.batches).toHaveLength(delivered);
    expect(watcher.errors).toEqual([]);
  });

  it('resolves ready even when closed before the crawl is done', async () => {
    const root = await tempRoot();
    const handle = makeWatcher().watch(root, {
      isIgnored: () => false,
      onBatch: () => {},
      onError: () => {},
      batchMs: 100,
    });
    await handle.close();
    await expect(handle.ready).resolves.toBeUndefined();
  });

  it('sees inside a tree created at once, including later writes deep inside it', async () => {
    const root = await tempRoot();
    const watcher = await watching(makeWatcher(), root);

    await mkdir(join(root, 'a', 'b', 'c'), { recursive: true });
    await writeFile(join(root, 'a', 'b', 'c', 'early.txt'), 'written before any watch');
    await watcher.waitForEvents('addDir a', 'addDir a/b', 'addDir a/b/c', 'add a/b/c/early.txt');

    // The deepest directory is watched too, not only the one whose creation was seen.
    await writeFile(join(root, 'a', 'b', 'c', 'later.txt'), 'later');
    await appendFile(join(root, 'a', 'b', 'c', 'early.txt'), ' and changed');
    await watcher.waitForEvents('add a/b/c/later.txt', 'change a/b/c/early.txt');

    await rm(join(root, 'a'), { recursive: true });
    await watcher.waitForEvents('unlinkDir a');
    expect(watcher.errors).toEqual([]);
  });

  it('sees a folder moved in with its contents, and changes inside it afterwards', async () => {
    const root = await tempRoot();
    const outside = await tempRoot();
    await mkdir(join(outside, 'album', 'raw'), { recursive: true });
    await writeFile(join(outside, 'album', 'cover.jpg'), 'c');
    await writeFile(join(outside, 'album', 'raw', 'img1.raw'), 'r');
    const watcher = await watching(makeWatcher(), root);

    await rename(join(outside, 'album'), join(root, 'album'));
    await watcher.waitForEvents(
      'addDir album',
      'add album/cover.jpg',
      'addDir album/raw',
      'add album/raw/img1.raw',
    );

    await writeFile(join(root, 'album', 'raw', 'img2.raw'), 'r2');
    await watcher.waitForEvents('add album/raw/img2.raw');

    await rename(join(root, 'album'), join(outside, 'album-back'));
    await watcher.waitForEvents('unlinkDir album');
    expect(watcher.errors).toEqual([]);
  });

  it('reports a renamed folder as gone at its old path and added at the new one', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'old', 'sub'), { recursive: true });
    await writeFile(join(root, 'old', 'sub', 'f.txt'), 'f');
    const watcher = await watching(makeWatcher(), root);

    await rename(join(root, 'old'), join(root, 'new'));
    await watcher.waitForEvents('unlinkDir old', 'addDir new');

    await writeFile(join(root, 'new', 'sub', 'g.txt'), 'g');
    await watcher.waitForEvents('add new/sub/g.txt');
    expect(watcher.errors).toEqual([]);
  });

  it('reports the folder root disappearing as watcher-failed', async () => {
    const root = await tempRoot();
    await writeFile(join(root, 'a.txt'), 'a');
    const watcher = await watching(makeWatcher(), root);
    await rm(root, { recursive: true });
    await watcher.waitFor('an error', () => watcher.errors.length > 0);
    const error = watcher.errors[0] as SyncError;
    expect(error).toBeInstanceOf(SyncError);
    expect(error.code).toBe('watcher-failed');
    expect(error.message).toContain(root);
  });
});

describe('toWatcherError', () => {
  const fsError = (code: string) =>
    Object.assign(new Error(`${code}: something, watch '/data/x'`), { code });

  it.each([
    [
      'ENOSPC',
      /file watchers \(inotify\)/,
      /sysctl fs\.inotify\.max_user_watches=524288.*sysctl\.d/,
    ],
    ['EMFILE', /too many open files/, /ulimit -n/],
    ['EACCES', /permission denied/, /read and execute access/],
    ['EPERM', /permission denied/, /read and execute access/],
    ['EIO', /\(EIO\)/, /restart Ferry/],
  ])('%s → watcher-failed, retry, with the fix', (code, message, hint) => {
    const error = toWatcherError(fsError(code), '/data/photos');
    expect(error.code).toBe('watcher-failed');
    expect(error.disposition).toBe('retry');
    expect(error.message).toContain('/data/photos');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ["inotify_add_watch on '/data/x' failed: No space left on device", /file watchers \(inotify\)/],
    ['Unable to open: Too many open files', /too many open files/],
    ["inotify_add_watch on '/data/x' failed: Permission denied", /permission denied/],
  ])("reads the errno from @parcel/watcher's text: %s", (text, message) => {
    expect(toWatcherError(new Error(text), '/data').message).toMatch(message);
  });

  it('names an error without a code by its message', () => {
    expect(toWatcherError(new Error('boom'), '/data').message).toContain('(boom)');
  });
});
