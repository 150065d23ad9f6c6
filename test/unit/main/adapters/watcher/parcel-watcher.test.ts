import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Event as ParcelEvent, SubscribeCallback } from '@parcel/watcher';
import { afterEach, describe, expect, it } from 'vitest';

import type { WatchEvent } from '../../../../../app/ports/file-watcher.js';
import {
  ParcelWatcher,
  type ParcelBinding,
} from '../../../../../main/adapters/watcher/parcel-watcher.js';

/**
 * What the start-up directory crawl protects, seen from outside with a fake @parcel/watcher (the
 * contract suite runs the real one, but cannot see which directories parcel was told to skip,
 * nor tell a crawl from parcel's own knowledge): directories ignored at start, at any depth, are
 * kept out of the native watch; a directory that existed before the watch is reported gone as a
 * directory (the engine rescans), a file or a symlink as a file; a symlinked directory is never
 * listed.
 */
interface Subscription {
  readonly dir: string;
  readonly ignore: readonly string[];
  readonly callback: SubscribeCallback;
}

class FakeParcel implements ParcelBinding {
  readonly subscriptions: Subscription[] = [];

  subscribe(dir: string, callback: SubscribeCallback, options?: { ignore?: string[] }) {
    this.subscriptions.push({ dir, ignore: options?.ignore ?? [], callback });
    return Promise.resolve({ unsubscribe: () => Promise.resolve() });
  }

  /** Reports events to the root's subscription, as parcel would after its debounce. */
  emit(events: readonly ParcelEvent[]): void {
    this.subscriptions[0]?.callback(null, [...events]);
  }
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'ferry-parcel-watcher-'));
  made.push(root);
  return root;
}

async function watch(root: string, isIgnored: (path: string, isDirectory: boolean) => boolean) {
  const parcel = new FakeParcel();
  const batches: WatchEvent[][] = [];
  const asked: string[] = [];
  const handle = new ParcelWatcher(parcel).watch(root, {
    batchMs: 60,
    isIgnored: (path, isDirectory) => {
      asked.push(`${path}${isDirectory ? '/' : ''}`);
      return isIgnored(path, isDirectory);
    },
    onBatch: (events) => batches.push([...events]),
    onError: (error) => {
      throw error;
    },
  });
  await handle.ready;
  const nextBatch = async () => {
    const count = batches.length;
    for (let waited = 0; batches.length === count && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return batches[count] ?? [];
  };
  return { parcel, handle, asked, nextBatch };
}

describe('ParcelWatcher start-up', () => {
  it('keeps directories ignored at start, at any depth, out of the one root subscription', async () => {
    const root = tree();
    mkdirSync(join(root, 'a', 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(root, 'build', 'deep'), { recursive: true });
    mkdirSync(join(root, 'b', 'c'), { recursive: true });
    writeFileSync(join(root, 'b', 'c', 'f.txt'), 'f');
    const { parcel, handle, asked } = await watch(
      root,
      (path, isDirectory) => isDirectory && (path === 'build' || path.endsWith('node_modules')),
    );

    expect(parcel.subscriptions.map((s) => s.dir)).toEqual([root]);
    expect([...(parcel.subscriptions[0]?.ignore ?? [])].sort()).toEqual([
      join(root, 'a', 'node_modules'),
      join(root, 'build'),
    ]);
    // Never looked inside what is ignored.
    expect(asked.filter((path) => /^build\/.|node_modules\/./.test(path))).toEqual([]);
    await handle.close();
  });

  it('reports a directory that existed before the watch as unlinkDir, a file as unlink', async () => {
    const root = tree();
    mkdirSync(join(root, 'albums', '2024'), { recursive: true });
    writeFileSync(join(root, 'albums', 'cover.jpg'), 'jpg');
    const { parcel, handle, nextBatch } = await watch(root, () => false);

    rmSync(join(root, 'albums', '2024'), { recursive: true });
    rmSync(join(root, 'albums', 'cover.jpg'));
    parcel.emit([
      { type: 'delete', path: join(root, 'albums', '2024') },
      { type: 'delete', path: join(root, 'albums', 'cover.jpg') },
    ]);

    expect(await nextBatch()).toEqual(
      expect.arrayContaining([
        { type: 'unlinkDir', relativePath: 'albums/2024' },
        { type: 'unlink', relativePath: 'albums/cover.jpg' },
      ]),
    );
    await handle.close();
  });

  it('never lists a symlinked directory, and reports its removal as a file', async () => {
    const root = tree();
    const outside = tree();
    mkdirSync(join(outside, 'elsewhere', 'inner'), { recursive: true });
    symlinkSync(join(outside, 'elsewhere'), join(root, 'link'));
    const { parcel, handle, asked, nextBatch } = await watch(root, () => false);

    expect(asked.filter((path) => path.startsWith('link'))).toEqual([]);
    rmSync(join(root, 'link'));
    parcel.emit([{ type: 'delete', path: join(root, 'link') }]);
    expect(await nextBatch()).toEqual([{ type: 'unlink', relativePath: 'link' }]);
    await handle.close();
  });
});
