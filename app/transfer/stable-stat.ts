import type { Clock } from '../ports/clock.js';
import type { FileStat } from '../ports/file-system.js';

export interface StabilityOptions {
  /**
   * The longest a file seen being written must then hold still: one found changed between two
   * looks here (at most), one parked as "still changing" (requeuer.ts), `--once`'s last chance.
   */
  readonly settleMs: number;
  /**
   * A file written once is uploaded when it has not been modified for this long, counted from
   * its mtime: a writer whose first pause is shorter is seen writing again before that.
   */
  readonly quietMs: number;
  /** Give up after this many looks (a log written continuously): 'busy'. */
  readonly maxProbes: number;
}

export type StableResult =
  | { readonly kind: 'stable'; readonly stat: FileStat }
  | { readonly kind: 'vanished' }
  | { readonly kind: 'busy'; readonly stat: FileStat };

/** How many times longer than the gap seen between two writes the next pause may be. */
const PAUSE_STRETCH = 4;

/**
 * Waits until a file holds still, so a file still being copied or saved is not uploaded
 * half-written. Old files pass at once (one stat). A fresh one is stat'ed again once `quietMs`
 * have passed since its mtime; unchanged, it is taken. Found changed, it has a writer at work
 * that pauses between writes: from then on it must hold still for four times the pause seen
 * (`settleMs` at most), since the next pause may be longer.
 *
 * The quiet time is counted from the last write, not from the first look: the watcher's delay in
 * reporting the write is part of it (issue 15: it used to come on top, ~100 ms + 150 ms). The
 * ownCloud/Nextcloud desktop client also decides by mtime age (`fileIsStillChanging` in
 * src/libsync/propagateupload.cpp: younger than `minimumFileAgeForUpload`, 2 s, waits). A stat
 * cannot tell a writer that pauses longer than these windows from one that has finished (and
 * @parcel/watcher reports no close-after-write); the uploader's re-stat after sending catches a
 * write during the upload, and the next change is uploaded whole.
 * An mtime ahead of this clock (another machine's) would never age: then the time between our
 * own looks counts. `statNow` is the file's stat (upload-source.ts: beneath the folder root,
 * never through a link).
 */
export async function stableStat(
  statNow: () => Promise<FileStat | null>,
  clock: Clock,
  options: StabilityOptions,
): Promise<StableResult> {
  let required = options.quietMs;
  let stat = await statNow();
  let lookedAt = clock.now();
  let firstSeenAt = lookedAt;
  for (let probe = 0; ; probe++) {
    if (!stat || stat.kind !== 'file') return { kind: 'vanished' };
    const quietFor = lookedAt - Math.min(stat.mtimeMs, firstSeenAt);
    if (quietFor >= required) return { kind: 'stable', stat };
    if (probe >= options.maxProbes) return { kind: 'busy', stat };
    await clock.sleep(Math.min(options.quietMs, required - quietFor));
    const again = await statNow();
    lookedAt = clock.now();
    if (again && !sameContentStat(stat, again)) {
      // Written again: a writer at work, its writes this far apart. On a busy machine its next
      // pause can be several times longer: wait for that, up to `settleMs` (measured: a writer's
      // 150 ms pause took 413 ms under load 15 on 2 cores). A save seen between its open and its
      // write (~0 ms apart) keeps the plain quiet time.
      const apart = again.mtimeMs - stat.mtimeMs;
      required = Math.max(required, Math.min(options.settleMs, PAUSE_STRETCH * apart));
      firstSeenAt = lookedAt;
    }
    stat = again;
  }
}

export function sameContentStat(a: FileStat | null, b: FileStat | null): boolean {
  return (
    a !== null && b !== null && a.kind === b.kind && a.size === b.size && a.mtimeMs === b.mtimeMs
  );
}
