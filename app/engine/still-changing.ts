import { SyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import { sameContentStat } from '../transfer/stable-stat.js';

export interface SettleWait {
  /** The file must not have been modified for this long (the uploader's stability window). */
  readonly holdMs: number;
  /** Stat it again this often. */
  readonly pollMs: number;
  /** Give up after this long. */
  readonly maxWaitMs: number;
}

export type SettleResult = 'settled' | 'changing' | 'vanished';

/**
 * Waits, with stats only (no reading), until a file holds still: unchanged between two looks and
 * not modified for `holdMs`. The uploader then takes it at once. Used once a path has been
 * re-queued `maxRequeues` times: re-uploading a file that is still being written only wastes
 * bandwidth, and `--once` has no later scan to pick it up (issue 11).
 */
export async function waitUntilSettled(
  fs: FileSystem,
  path: string,
  clock: Clock,
  wait: SettleWait,
): Promise<SettleResult> {
  const deadline = clock.now() + wait.maxWaitMs;
  let previous = await fs.stat(path);
  for (;;) {
    if (previous?.kind !== 'file') return 'vanished';
    const left = deadline - clock.now();
    if (left <= 0) return 'changing';
    await clock.sleep(Math.min(wait.pollMs, left));
    const next = await fs.stat(path);
    if (next?.kind !== 'file') return 'vanished';
    // Both: the mtime alone can lie (a copy that keeps the source's old mtime while it grows).
    if (sameContentStat(previous, next) && clock.now() - next.mtimeMs >= wait.holdMs) {
      return 'settled';
    }
    previous = next;
  }
}

/**
 * `--once`, a path over the re-queue limit: one bounded wait for it to hold still, then one more
 * attempt; a file that never settles fails "still changing" (exit 1) instead of being dropped as
 * "skipped" with no later scan to pick it up (issue 11).
 */
export async function settleThenRetry<T>(
  fs: FileSystem,
  path: string,
  clock: Clock,
  wait: SettleWait,
  attempt: () => Promise<T>,
): Promise<T> {
  const started = clock.now();
  if ((await waitUntilSettled(fs, path, clock, wait)) === 'changing') {
    const seconds = Math.round((clock.now() - started) / 1000);
    throw stillChangingError(`also during ${seconds} s of extra waiting`);
  }
  return attempt(); // settled (or vanished: the uploader says so)
}

/** `--once`: the file never held still, even after the extra wait (`detail` says how). */
export function stillChangingError(detail: string): SyncError {
  return new SyncError(
    'file-changed',
    'no-retry',
    `Still changing: the file was modified again and again (${detail}), so it was not uploaded half-written.`,
    {
      hint: 'Sync again once whatever writes it has finished; a file written continuously (a log) can be left out with .ferryignore.',
    },
  );
}
