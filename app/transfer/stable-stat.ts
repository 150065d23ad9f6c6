import type { Clock } from '../ports/clock.js';
import type { FileStat } from '../ports/file-system.js';

export interface StabilityOptions {
  /** A file modified less than this long ago may still be being written… */
  readonly settleMs: number;
  /** …so it is stat'ed again after this long, and must not have changed. */
  readonly probeMs: number;
  /** Give up after this many probes (a log file written continuously): 'busy'. */
  readonly maxProbes: number;
}

export type StableResult =
  | { readonly kind: 'stable'; readonly stat: FileStat }
  | { readonly kind: 'vanished' }
  | { readonly kind: 'busy'; readonly stat: FileStat };

/**
 * Waits until a file's size and mtime stop changing, so a file still being copied or saved is
 * not uploaded half-written. Old files pass at once (one stat); fresh ones cost one short probe.
 * `statNow` is the file's stat (upload-source.ts: beneath the folder root, never through a link).
 */
export async function stableStat(
  statNow: () => Promise<FileStat | null>,
  clock: Clock,
  options: StabilityOptions,
): Promise<StableResult> {
  let stat = await statNow();
  for (let probe = 0; ; probe++) {
    if (!stat || stat.kind !== 'file') return { kind: 'vanished' };
    if (clock.now() - stat.mtimeMs >= options.settleMs) return { kind: 'stable', stat };
    if (probe >= options.maxProbes) return { kind: 'busy', stat };
    await clock.sleep(options.probeMs);
    const again = await statNow();
    if (
      again &&
      again.kind === 'file' &&
      again.size === stat.size &&
      again.mtimeMs === stat.mtimeMs
    ) {
      return { kind: 'stable', stat: again };
    }
    stat = again;
  }
}

export function sameContentStat(a: FileStat | null, b: FileStat | null): boolean {
  return (
    a !== null && b !== null && a.kind === b.kind && a.size === b.size && a.mtimeMs === b.mtimeMs
  );
}
