import { constants, lstat as lstatCallback, type Stats } from 'node:fs';

import { closeAsync, fstatAsync, lstatAsync, openAsync } from './fs-callbacks.js';
import { namesBeneath, notRegularError, throughLinkError } from './open-beneath.js';

/*
 * openat() for Node on Linux. Node has no *at calls, but Linux resolves /proc/self/fd/N as the
 * very directory descriptor N holds (proc(5), "/proc/pid/fd/"), so opening
 * `/proc/self/fd/N/name` looks `name` up in that directory, whatever its path has become since.
 * Each directory on the way is opened with O_DIRECTORY | O_NOFOLLOW (a link there fails), the
 * file with O_NOFOLLOW: no symbolic link is followed below the root, and no check-then-use
 * window is left for a swap to slip into. This is what openat2(RESOLVE_NO_SYMLINKS) gives C
 * programs (openat2(2)). Where /proc is not mounted, open-beneath.ts's portable checks are used.
 */

const PROC_FD = '/proc/self/fd';
/** The root: it may be a link (the user configured it), so it alone is followed. */
export const ROOT_DIRECTORY = constants.O_RDONLY | constants.O_DIRECTORY;
export const DIRECTORY_NO_FOLLOW =
  constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
export const FILE_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

let available: Promise<boolean> | undefined;
let known: boolean | undefined;

/** procFdAvailable's answer once it has one (undefined before): saves a promise per call. */
export function procFdKnown(): boolean | undefined {
  return known;
}

/** Whether /proc/self/fd lookups work here (Linux with /proc mounted): checked once. */
export function procFdAvailable(): Promise<boolean> {
  available ??= (
    process.platform !== 'linux'
      ? Promise.resolve(false)
      : (async () => {
          try {
            const fd = await openAsync('/', constants.O_RDONLY | constants.O_DIRECTORY);
            try {
              return (await lstatAsync(`${PROC_FD}/${fd}/.`)).isDirectory();
            } finally {
              await closeAsync(fd).catch(() => {});
            }
          } catch {
            return false;
          }
        })()
  ).then((answer) => (known = answer));
  return available;
}

/** Opens `relativePath` beneath `root`: the descriptor, its fstat and the path for messages. */
export async function openBeneathProc(
  root: string,
  relativePath: string,
): Promise<{ fd: number; info: Stats; absolutePath: string }> {
  return inParentOf(root, relativePath, async (directory, last) => {
    let fd: number;
    try {
      fd = await openAsync(at(directory, last), FILE_NO_FOLLOW);
    } catch (error) {
      // ELOOP: O_NOFOLLOW met a link as the last component (open(2)).
      if (codeOf(error) === 'ELOOP') throw throughLinkError(relativePath, relativePath);
      throw error;
    }
    try {
      const info = await fstatAsync(fd);
      if (info.isDirectory()) throw errno('ENOENT'); // the file became a folder: gone
      if (!info.isFile()) throw notRegularError(relativePath);
      return { fd, info, absolutePath: `${root}/${relativePath}` };
    } catch (error) {
      await closeAsync(fd).catch(() => {});
      throw error;
    }
  });
}

/** lstat of `relativePath` beneath `root` (a link at the end is reported as one); null if gone. */
export async function statBeneathProc(root: string, relativePath: string): Promise<Stats | null> {
  try {
    return await inParentOf(root, relativePath, (directory, last) =>
      lstatAsync(at(directory, last)),
    );
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Runs `use` with the open directory that holds the path's last name, and closes it after. */
async function inParentOf<T>(
  root: string,
  relativePath: string,
  use: (directory: number, last: string) => Promise<T>,
): Promise<T> {
  const names = namesBeneath(relativePath, '/');
  const last = names.pop() as string;
  const directory = await openParent(root, names, relativePath);
  try {
    return await use(directory, last);
  } finally {
    await closeAsync(directory).catch(() => {});
  }
}

/** The root (which may be a link: the user configured it), then each directory in turn. */
async function openParent(root: string, names: readonly string[], relativePath: string) {
  let directory = await openAsync(root, ROOT_DIRECTORY);
  try {
    for (const [index, name] of names.entries()) {
      let next: number;
      try {
        next = await openAsync(at(directory, name), DIRECTORY_NO_FOLLOW);
      } catch (error) {
        // O_DIRECTORY | O_NOFOLLOW on a link fails with ENOTDIR, as on a plain file: tell apart.
        if (codeOf(error) === 'ENOTDIR' && (await isLink(at(directory, name)))) {
          throw throughLinkError(relativePath, names.slice(0, index + 1).join('/'));
        }
        throw error;
      }
      await closeAsync(directory).catch(() => {});
      directory = next;
    }
    return directory;
  } catch (error) {
    await closeAsync(directory).catch(() => {});
    throw error;
  }
}

/** The path that opens `name` inside the open directory `directory` (see the file comment). */
export function at(directory: number, name: string): string {
  return `${PROC_FD}/${directory}/${name}`;
}

function isLink(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    lstatCallback(path, (error, stats) => resolve(!error && stats.isSymbolicLink()));
  });
}

export function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

export function errno(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}
