import type { KeyIndex } from '../sync/key-collisions.js';
import type { TransferQueue } from '../transfer/transfer-queue.js';

/**
 * The watcher's fast path sees one file at a time, between full scans; this keeps the folder's
 * key index current from it. A file that now shares its key with others queues them all: the
 * transfer runner refuses each with the collision error, so neither overwrites the other's
 * object and both show as failed. A file that is gone frees those it collided with, which are
 * checked again.
 * @param size - the file's size, or null when the path is no longer a file.
 * @returns true when the path collides (it was queued here and needs nothing else).
 */
export async function trackFastPathKey(
  index: KeyIndex,
  target: { readonly folderId: string; readonly queue: TransferQueue },
  relativePath: string,
  size: number | null,
  recheck: (relativePath: string) => Promise<void>,
): Promise<boolean> {
  if (size === null) {
    for (const freed of index.remove(relativePath)) {
      if (index.othersOf(freed).length === 0) await recheck(freed);
    }
    return false;
  }
  index.add(relativePath);
  const others = index.othersOf(relativePath);
  if (others.length === 0) return false;
  const { folderId, queue } = target;
  queue.enqueue({ folderId, relativePath, kind: 'upload', size });
  for (const other of others) {
    queue.enqueue({ folderId, relativePath: other, kind: 'upload', size: 0 });
  }
  return true;
}
