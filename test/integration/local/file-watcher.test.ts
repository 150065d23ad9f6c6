import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { FileWatcher, WatchOptions } from '../../../app/ports/file-watcher.js';
import { ChokidarWatcher } from '../../../main/adapters/watcher/chokidar-watcher.js';
import {
  ParcelWatcher,
  type ParcelBinding,
} from '../../../main/adapters/watcher/parcel-watcher.js';
import {
  describeFileWatcherContract,
  startWatching,
  type WatchedFolder,
} from '../../contracts/file-watcher-contract.js';

/** Every adapter honours the same contract: each runs the whole suite. */
const ADAPTERS: readonly (readonly [string, () => FileWatcher])[] = [
  ['ChokidarWatcher', () => new ChokidarWatcher()],
  [
    'ParcelWatcher',
    () => new ParcelWatcher(createRequire(import.meta.url)('@parcel/watcher') as ParcelBinding),
  ],
];

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-watch-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

function watching(watcher: FileWatcher, root: string, options: Partial<WatchOptions> = {}) {
  return startWatching(watcher, root, (step) => cleanup.push(step), options);
}

/** A real temp folder, changed through the file system. */
async function tempFolder(makeWatcher: () => FileWatcher): Promise<WatchedFolder> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-watch-'));
  const at = (path: string) => join(root, ...path.split('/'));
  return {
    root,
    makeWatcher,
    mkdir: async (path) => {
      await mkdir(at(path), { recursive: true });
    },
    write: (path, content) => writeFile(at(path), content),
    append: (path, content) => appendFile(at(path), content),
    rename: (from, to) => rename(at(from), at(to)),
    remove: (path) => rm(at(path), { recursive: true }),
    removeRoot: () => rm(root, { recursive: true }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

for (const [name, makeWatcher] of ADAPTERS) {
  describeFileWatcherContract(name, () => tempFolder(makeWatcher));
}

/** What only a real folder shows: the batch timer, and a tree moved in from elsewhere. */
describe.each(ADAPTERS)('%s', (_name, makeWatcher) => {
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
});
