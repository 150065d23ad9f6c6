import { lstat } from 'node:fs/promises';
import { join } from 'node:path';

/** What a reported path is now: parcel reports no file types, so they come from lstat. */
export type PathKind = 'file' | 'directory' | 'missing';

/** Paths stat'ed at once when a batch is resolved. */
const PARALLEL_STATS = 32;

/** The kind of each path below `root`, stat'ed a few at a time. */
export async function pathKinds(
  root: string,
  relativePaths: readonly string[],
): Promise<Map<string, PathKind>> {
  const kinds = new Map<string, PathKind>();
  await forEachLimited(relativePaths, PARALLEL_STATS, async (path) => {
    kinds.set(path, await kindOf(join(root, path)));
  });
  return kinds;
}

async function kindOf(path: string): Promise<PathKind> {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  action: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await action(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
