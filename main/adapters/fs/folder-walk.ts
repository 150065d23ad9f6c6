import { lstatSync, type Dirent, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

import type { SkippedEntryKind, WalkEntry, WalkOptions } from '../../../app/ports/file-system.js';

import { listEntryNames, listEntryNamesSync, type EntryListing } from './entry-names.js';
import { lstatAsync } from './fs-callbacks.js';
import { toFileStat } from './file-stat.js';
import {
  brokenLinkError,
  errorCode,
  invalidNameError,
  symlinkLoopError,
  translateFsError,
  walkRootError,
} from './fs-errors.js';

/** How the walk paces its synchronous stats and listings (see WalkPacing). */
export interface WalkTuning {
  /** Stats (or listings, beyond a per-entry allowance) slower than this (ms), three in a row,
   *  mean a slow or remote disk: the walk stops stat'ing and listing synchronously (default 5). */
  readonly slowStatMs?: number;
  /** The longest the walk holds the event loop with synchronous calls (ms, default 8). */
  readonly sliceMs?: number;
}

/** Slow stats in a row after which a walk stops stat'ing synchronously (one alone is more often
 *  the scheduler's doing than the disk's). */
const SLOW_STATS_IN_A_ROW = 3;

/** What a synchronous listing may take per entry before it counts as slow (ms): a local disk
 *  lists ~0.5 µs an entry (100,000 names in 1,000 directories: ~55 ms), a network share
 *  pays a round trip per batch of names. */
const LISTING_MS_PER_ENTRY = 0.01;

/** A listed entry whose name is valid UTF-8 (the others are reported when listed). */
interface Entry {
  readonly name: string;
  readonly type: Dirent<string> | Dirent<Buffer>;
}

/** One directory being listed, on the path from the root down to where the walk is. */
interface Frame {
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly entries: readonly Entry[];
  next: number;
  /** "dev:ino", known only when following symlinks (the only way to build a loop). */
  readonly identity: string | undefined;
}

/**
 * Depth-first with an explicit stack (no recursion, so depth costs nothing per entry). Lazy: it
 * holds one directory listing per level, never the whole tree. Entries are visited in name
 * order, so two walks of an unchanged tree agree. Throws only when the root itself cannot be
 * listed: an empty walk of a missing or unmounted folder must not look like "all deleted".
 */
export async function* walkFolder(
  root: string,
  options: WalkOptions,
  tuning: WalkTuning = {},
): AsyncGenerator<WalkEntry> {
  const pacing = new WalkPacing(tuning.slowStatMs ?? 5, tuning.sliceMs ?? 8);
  const stack: Frame[] = [];
  try {
    const identity = options.followSymlinks ? await directoryIdentity(root) : undefined;
    stack.push(await openDirectory(root, '', options, identity, pacing));
  } catch (error) {
    throw walkRootError(error, root);
  }

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const listed = frame.entries[frame.next++];
    if (!listed) {
      stack.pop();
      continue;
    }
    const entry = listed.type;
    const relativePath = frame.relativePath ? `${frame.relativePath}/${listed.name}` : listed.name;
    const absolutePath = `${frame.absolutePath}${sep}${listed.name}`;
    let found: WalkEntry | undefined;
    try {
      if (entry.isDirectory()) {
        if (options.isIgnored(relativePath, true)) continue;
        const identity = options.followSymlinks ? await directoryIdentity(absolutePath) : undefined;
        const child = await enter(absolutePath, relativePath, options, identity, stack, pacing);
        if (child) stack.push(child);
      } else if (entry.isFile()) {
        if (options.isIgnored(relativePath, false)) continue;
        // lstat again: the listing's type may be stale, and it carries no size or mtime.
        // Synchronously while the slice has room, without an await (issue 15: a promise and a
        // microtask per file were a fifth of a 100,000-file walk).
        const info = pacing.lstatNow(absolutePath) ?? (await pacing.lstat(absolutePath));
        // Replaced since the listing (by a FIFO, a link…): said, not dropped without a word.
        if (info.isFile()) found = { relativePath, stat: toFileStat(info) };
        else if (!info.isDirectory()) options.onSkip?.(relativePath, skippedKind(info));
      } else if (entry.isSymbolicLink() && options.followSymlinks) {
        const target = await linkTarget(absolutePath, relativePath);
        if (target.isDirectory()) {
          if (options.isIgnored(relativePath, true)) continue;
          const identity = `${target.dev}:${target.ino}`;
          const child = await enter(absolutePath, relativePath, options, identity, stack, pacing);
          if (child) stack.push(child);
        } else if (target.isFile()) {
          if (options.isIgnored(relativePath, false)) continue;
          // The target's size and mtime: they are what would be uploaded.
          found = { relativePath, stat: toFileStat(target) };
        } else if (!options.isIgnored(relativePath, false)) {
          options.onSkip?.(relativePath, skippedKind(target));
        }
      } else if (!options.isIgnored(relativePath, false)) {
        // Symlinks not followed, sockets, FIFOs and devices are not synced, and the user is told.
        options.onSkip?.(relativePath, skippedKind(entry));
      }
    } catch (error) {
      // Includes a failing enterDirectory: the directory is skipped rather than synced
      // without the rules its .ferryignore holds.
      options.onError(relativePath, translateFsError(error, absolutePath));
    }
    if (found) yield found;
  }
}

/** A directory to descend into, or undefined (reported) when it would close a loop. */
async function enter(
  absolutePath: string,
  relativePath: string,
  options: WalkOptions,
  identity: string | undefined,
  stack: readonly Frame[],
  pacing: WalkPacing,
): Promise<Frame | undefined> {
  // Only a followed symlink (or a bind mount) can lead back to a folder on the current path.
  if (identity !== undefined && stack.some((ancestor) => ancestor.identity === identity)) {
    options.onError(relativePath, symlinkLoopError(relativePath));
    return undefined;
  }
  return openDirectory(absolutePath, relativePath, options, identity, pacing);
}

/** Lists a directory, then lets the ignore rules see its names before anything is matched. */
async function openDirectory(
  absolutePath: string,
  relativePath: string,
  options: WalkOptions,
  identity: string | undefined,
  pacing: WalkPacing,
): Promise<Frame> {
  // A name that is not UTF-8 is reported, not decoded lossily into a path that does not exist.
  const listing = await pacing.list(absolutePath);
  for (const { escaped, isDirectory } of listing.invalid) {
    options.onError(
      relativePath ? `${relativePath}/${escaped}` : escaped,
      invalidNameError(isDirectory),
    );
  }
  const entries: Entry[] = listing.valid;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await options.enterDirectory?.(
    relativePath,
    entries.map((entry) => entry.name),
  );
  return { relativePath, absolutePath, entries, next: 0, identity };
}

/** What kind of entry the walk passes over (a Dirent or a Stats: both have the is* tests). */
function skippedKind(entry: Dirent<string> | Dirent<Buffer> | Stats): SkippedEntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice()) return 'block-device';
  if (entry.isCharacterDevice()) return 'character-device';
  return 'unknown';
}

/**
 * The walk's per-file lstat and per-directory listing. On a local disk a synchronous lstat takes
 * microseconds while a promise one costs a thread-pool round trip several times longer (100,000
 * files: ~0.6 s against ~2–3 s on the benchmark machine), and a listing through the thread pool
 * left the walk waiting ~0.1–0.2 ms a directory (1,000 directories: ~0.1 s of a 100,000-file
 * scan, issue 15). So the walk stats and lists synchronously, handing the event loop back every
 * `sliceMs`. Calls slower than `slowStatMs` (a listing: plus a small allowance per name) several
 * times in a row (a network share, a spun-down disk) switch the rest of the walk to the thread
 * pool, so a slow disk does not freeze the process.
 */
class WalkPacing {
  private slowInARow = 0;
  private synchronous = true;
  private sliceStartedAt = performance.now();

  constructor(
    private readonly slowStatMs: number,
    private readonly sliceMs: number,
  ) {}

  /** A synchronous lstat, or undefined when the walk must go through `lstat` instead (the
   *  slice is over, or the disk proved slow). Throws what lstat throws. */
  lstatNow(path: string): Stats | undefined {
    if (!this.synchronous) return undefined;
    const started = performance.now();
    if (started - this.sliceStartedAt >= this.sliceMs) return undefined;
    try {
      return lstatSync(path);
    } finally {
      this.timed(started, 0);
    }
  }

  /** The lstat when `lstatNow` gave none: after the event loop's turn, or through the pool. */
  async lstat(path: string): Promise<Stats> {
    if (this.synchronous) await this.roomInSlice();
    return this.lstatNow(path) ?? lstatAsync(path);
  }

  async list(path: string): Promise<EntryListing> {
    if (!this.synchronous) {
      const listing = await listEntryNames(path);
      // Real I/O was awaited: the event loop has had its turn.
      this.sliceStartedAt = performance.now();
      return listing;
    }
    const started = await this.roomInSlice();
    let entries = 0;
    try {
      const listing = listEntryNamesSync(path);
      entries = listing.valid.length + listing.invalid.length;
      return listing;
    } finally {
      this.timed(started, entries * LISTING_MS_PER_ENTRY);
    }
  }

  /** Now, after letting the event loop turn if this slice has held it for `sliceMs`. */
  private async roomInSlice(): Promise<number> {
    const started = performance.now();
    if (started - this.sliceStartedAt < this.sliceMs) return started;
    await nextTurn();
    return (this.sliceStartedAt = performance.now());
  }

  private timed(started: number, allowanceMs: number): void {
    const slow = performance.now() - started >= this.slowStatMs + allowanceMs;
    this.slowInARow = slow ? this.slowInARow + 1 : 0;
    if (this.slowInARow >= SLOW_STATS_IN_A_ROW) this.synchronous = false;
  }
}

/** stat() through a symlink, saying "broken link" rather than "file vanished". */
async function linkTarget(absolutePath: string, relativePath: string): Promise<Stats> {
  try {
    return await stat(absolutePath);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ELOOP') throw error;
    throw brokenLinkError(relativePath, code, error);
  }
}

async function directoryIdentity(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.dev}:${info.ino}`;
}
