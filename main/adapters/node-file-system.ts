import {
  close as closeCallback,
  lstat as lstatCallback,
  lstatSync,
  open as openCallback,
  read as readCallback,
  type Dirent,
  type Stats,
} from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { SyncError } from '../../app/errors/sync-error.js';
import type { FileStat, FileSystem, WalkEntry, WalkOptions } from '../../app/ports/file-system.js';

export interface NodeFileSystemOptions {
  /** Stats slower than this (ms), three in a row, mean a slow or remote disk: the walk stops
   *  stat'ing synchronously (default 5). */
  readonly slowStatMs?: number;
  /** The longest the walk holds the event loop with synchronous stats (ms, default 8). */
  readonly sliceMs?: number;
}

/** Slow stats in a row after which a walk stops stat'ing synchronously (one alone is more often
 *  the scheduler's doing than the disk's). */
const SLOW_STATS_IN_A_ROW = 3;

/** One directory being listed, on the path from the root down to where the walk is. */
interface Frame {
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly entries: readonly Dirent[];
  next: number;
  /** "dev:ino", known only when following symlinks (the only way to build a loop). */
  readonly identity: string | undefined;
}

/** The local disk through node:fs. */
export class NodeFileSystem implements FileSystem {
  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  async stat(path: string): Promise<FileStat | null> {
    try {
      return toFileStat(await lstatAsync(path));
    } catch (error) {
      if (isMissing(error)) return null;
      throw translateFsError(error, path);
    }
  }

  /**
   * Depth-first with an explicit stack (no recursion, so depth costs nothing per entry). Lazy: it
   * holds one directory listing per level, never the whole tree. Entries are visited in name
   * order, so two walks of an unchanged tree agree. Throws only when the root itself cannot be
   * listed: an empty walk of a missing or unmounted folder must not look like "all deleted".
   */
  async *walk(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
    const stats = new WalkStats(this.options.slowStatMs ?? 5, this.options.sliceMs ?? 8);
    const stack: Frame[] = [];
    try {
      const identity = options.followSymlinks ? await directoryIdentity(root) : undefined;
      stack.push(await openDirectory(root, '', options, identity));
    } catch (error) {
      throw walkRootError(error, root);
    }

    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const entry = frame.entries[frame.next++];
      if (!entry) {
        stack.pop();
        continue;
      }
      const relativePath = frame.relativePath ? `${frame.relativePath}/${entry.name}` : entry.name;
      const absolutePath = `${frame.absolutePath}${sep}${entry.name}`;
      let found: WalkEntry | undefined;
      try {
        if (entry.isDirectory()) {
          if (options.isIgnored(relativePath, true)) continue;
          const identity = options.followSymlinks
            ? await directoryIdentity(absolutePath)
            : undefined;
          const child = await this.enter(absolutePath, relativePath, options, identity, stack);
          if (child) stack.push(child);
          stats.eventLoopTurned();
        } else if (entry.isFile()) {
          if (options.isIgnored(relativePath, false)) continue;
          // lstat again: the listing's type may be stale, and it carries no size or mtime.
          const info = await stats.lstat(absolutePath);
          if (info.isFile()) found = { relativePath, stat: toFileStat(info) };
        } else if (entry.isSymbolicLink() && options.followSymlinks) {
          const target = await linkTarget(absolutePath, relativePath);
          if (target.isDirectory()) {
            if (options.isIgnored(relativePath, true)) continue;
            const identity = `${target.dev}:${target.ino}`;
            const child = await this.enter(absolutePath, relativePath, options, identity, stack);
            if (child) stack.push(child);
          } else if (target.isFile()) {
            if (options.isIgnored(relativePath, false)) continue;
            // The target's size and mtime: they are what would be uploaded.
            found = { relativePath, stat: toFileStat(target) };
          }
        }
        // Symlinks not followed, sockets, FIFOs and devices are not synced.
      } catch (error) {
        // Includes a failing enterDirectory: the directory is skipped rather than synced
        // without the rules its .ferryignore holds.
        options.onError(relativePath, translateFsError(error, absolutePath));
      }
      if (found) yield found;
    }
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    checkRange(offset, length);
    const buffer = new Uint8Array(length);
    const filled = await this.readInto(path, offset, buffer);
    return filled === length ? buffer : buffer.subarray(0, filled);
  }

  async readInto(path: string, offset: number, target: Uint8Array): Promise<number> {
    checkRange(offset, target.byteLength);
    // The callback API: fs/promises' FileHandle costs several times more per small file.
    let fd: number;
    try {
      fd = await openAsync(path);
    } catch (error) {
      throw translateFsError(error, path);
    }
    try {
      let filled = 0;
      // read() may return less than asked before end of file; only 0 means the end.
      while (filled < target.byteLength) {
        const bytesRead = await readAsync(fd, target, filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled;
    } catch (error) {
      throw translateFsError(error, path);
    } finally {
      await closeAsync(fd).catch(() => {}); // nothing was written: a failed close loses nothing
    }
  }

  async readText(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw translateFsError(error, path);
    }
  }

  join(root: string, relativePath: string): string {
    return relativePath === '' ? root : join(root, ...relativePath.split('/'));
  }

  /** A directory to descend into, or undefined (reported) when it would close a loop. */
  private async enter(
    absolutePath: string,
    relativePath: string,
    options: WalkOptions,
    identity: string | undefined,
    stack: readonly Frame[],
  ): Promise<Frame | undefined> {
    // Only a followed symlink (or a bind mount) can lead back to a folder on the current path.
    if (identity !== undefined && stack.some((ancestor) => ancestor.identity === identity)) {
      options.onError(relativePath, symlinkLoopError(relativePath));
      return undefined;
    }
    return openDirectory(absolutePath, relativePath, options, identity);
  }
}

/** Lists a directory, then lets the ignore rules see its names before anything is matched. */
async function openDirectory(
  absolutePath: string,
  relativePath: string,
  options: WalkOptions,
  identity: string | undefined,
): Promise<Frame> {
  const entries = await readdir(absolutePath, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await options.enterDirectory?.(
    relativePath,
    entries.map((entry) => entry.name),
  );
  return { relativePath, absolutePath, entries, next: 0, identity };
}

/**
 * The walk's per-file lstat. On a local disk a synchronous lstat takes microseconds while a
 * promise one costs a thread-pool round trip several times longer (100,000 files: ~0.6 s against
 * ~2–3 s on the benchmark machine), so the walk stats synchronously, handing the event loop back
 * every `sliceMs`. Stats slower than `slowStatMs` several times in a row (a network share, a
 * spun-down disk) switch the rest of the walk to asynchronous stats, so a slow disk does not
 * freeze the process.
 */
class WalkStats {
  private slowInARow = 0;
  private synchronous = true;
  private sliceStartedAt = performance.now();

  constructor(
    private readonly slowStatMs: number,
    private readonly sliceMs: number,
  ) {}

  /** The walk awaited real I/O (a directory listing): the event loop has had its turn. */
  eventLoopTurned(): void {
    this.sliceStartedAt = performance.now();
  }

  async lstat(path: string): Promise<Stats> {
    if (!this.synchronous) return lstatAsync(path);
    let started = performance.now();
    if (started - this.sliceStartedAt >= this.sliceMs) {
      await nextTurn();
      started = this.sliceStartedAt = performance.now();
    }
    try {
      return lstatSync(path);
    } finally {
      const slow = performance.now() - started >= this.slowStatMs;
      this.slowInARow = slow ? this.slowInARow + 1 : 0;
      if (this.slowInARow >= SLOW_STATS_IN_A_ROW) this.synchronous = false;
    }
  }
}

/*
 * The callback API in promises of our own: node:fs/promises costs about twice as much per call
 * (lstat), and its FileHandle several times more per opened file (small-file uploads).
 */
function lstatAsync(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => {
    lstatCallback(path, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

function openAsync(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    openCallback(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd)));
  });
}

function readAsync(fd: number, target: Uint8Array, at: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    readCallback(fd, target, at, target.byteLength - at, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  });
}

function closeAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    closeCallback(fd, (error) => (error ? reject(error) : resolve()));
  });
}

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new SyncError('internal', 'fatal', `readRange(${offset}, ${length}): bad range.`);
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

export function brokenLinkError(relativePath: string, code: string, cause: unknown): SyncError {
  return new SyncError(
    'file-unreadable',
    'no-retry',
    `Not following "${relativePath}": the symlink points to nothing (${code}).`,
    { hint: 'Fix or remove the link, or ignore it in .ferryignore.', cause },
  );
}

async function directoryIdentity(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.dev}:${info.ino}`;
}

function toFileStat(info: Stats): FileStat {
  const kind = info.isFile()
    ? 'file'
    : info.isDirectory()
      ? 'directory'
      : info.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { kind, size: info.size, mtimeMs: info.mtimeMs };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The root cannot be listed: the whole walk fails (see `walk`). */
export function walkRootError(error: unknown, root: string): SyncError {
  if (!isMissing(error)) return translateFsError(error, root, 'Cannot list the folder');
  return new SyncError('file-vanished', 'retry', `The folder ${root} is missing or unmounted.`, {
    hint: 'Reconnect the drive or correct the folder path; Ferry looks again on the next scan.',
    cause: error,
  });
}

export function symlinkLoopError(relativePath: string): SyncError {
  return new SyncError(
    'file-unreadable',
    'no-retry',
    `Not following "${relativePath}": symlink loop (it leads back to a folder that contains it).`,
    {
      hint: 'Nothing to do unless the link is a mistake; Ferry syncs that folder once, not again.',
    },
  );
}

/**
 * fs errors → SyncError at the boundary, so the engine never looks at errno codes. Exported for
 * the in-memory fake, which must fail the same way.
 */
export function translateFsError(error: unknown, path: string, what = 'Cannot read'): SyncError {
  if (error instanceof SyncError) return error;
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new SyncError('file-vanished', 'no-retry', `${what} ${path}: it no longer exists.`, {
      hint: 'It was moved or deleted while Ferry was looking at it; the next scan sees the change.',
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SyncError('file-unreadable', 'no-retry', `${what} ${path}: permission denied.`, {
      hint: 'Give the user running Ferry read access (and, for a folder, execute access), or ignore it in .ferryignore.',
      cause: error,
    });
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new SyncError('file-unreadable', 'retry', `${what} ${path} (${detail}).`, {
    hint: 'Check that the disk is mounted and healthy; Ferry tries again on the next scan.',
    cause: error,
  });
}
