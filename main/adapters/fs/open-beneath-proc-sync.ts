import { closeSync, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';

import {
  DIRECTORY_NO_FOLLOW,
  FILE_NO_FOLLOW,
  ROOT_DIRECTORY,
  at,
  codeOf,
  errno,
} from './open-beneath-proc.js';
import { namesBeneath, notRegularError, throughLinkError } from './open-beneath.js';

/*
 * open-beneath-proc.ts with synchronous calls: the same descriptors, flags and checks, in the
 * same order (each directory opened with O_DIRECTORY | O_NOFOLLOW through the one above it, the
 * file with O_NOFOLLOW), only without a thread-pool round trip per call. Used while the
 * SyncCallGate (sync-call-gate.ts) says the disk answers in microseconds. Nothing is cached
 * between calls: every open starts again from the root's path, so a directory moved out of the
 * folder, or a root replaced, is never looked into after the call that saw it.
 */

/** Opens `relativePath` beneath `root`: the descriptor, its fstat and the path for messages. */
export function openBeneathProcSync(
  root: string,
  relativePath: string,
): { fd: number; info: Stats; absolutePath: string } {
  return inParentOf(root, relativePath, (directory, last) => {
    let fd: number;
    try {
      fd = openSync(at(directory, last), FILE_NO_FOLLOW);
    } catch (error) {
      // ELOOP: O_NOFOLLOW met a link as the last component (open(2)).
      if (codeOf(error) === 'ELOOP') throw throughLinkError(relativePath, relativePath);
      throw error;
    }
    try {
      const info = fstatSync(fd);
      if (info.isDirectory()) throw errno('ENOENT'); // the file became a folder: gone
      if (!info.isFile()) throw notRegularError(relativePath);
      return { fd, info, absolutePath: `${root}/${relativePath}` };
    } catch (error) {
      closeQuietly(fd);
      throw error;
    }
  });
}

/** lstat of `relativePath` beneath `root` (a link at the end is reported as one); null if gone. */
export function statBeneathProcSync(root: string, relativePath: string): Stats | null {
  try {
    return inParentOf(root, relativePath, (directory, last) => lstatSync(at(directory, last)));
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Runs `use` with the open directory that holds the path's last name, and closes it after. */
function inParentOf<T>(
  root: string,
  relativePath: string,
  use: (directory: number, last: string) => T,
): T {
  const names = namesBeneath(relativePath, '/');
  const last = names.pop() as string;
  const directory = openParent(root, names, relativePath);
  try {
    return use(directory, last);
  } finally {
    closeQuietly(directory);
  }
}

/** The root (which may be a link: the user configured it), then each directory in turn. */
function openParent(root: string, names: readonly string[], relativePath: string): number {
  let directory = openSync(root, ROOT_DIRECTORY);
  try {
    for (const [index, name] of names.entries()) {
      let next: number;
      try {
        next = openSync(at(directory, name), DIRECTORY_NO_FOLLOW);
      } catch (error) {
        // O_DIRECTORY | O_NOFOLLOW on a link fails with ENOTDIR, as on a plain file: tell apart.
        if (codeOf(error) === 'ENOTDIR' && isLink(at(directory, name))) {
          throw throughLinkError(relativePath, names.slice(0, index + 1).join('/'));
        }
        throw error;
      }
      closeQuietly(directory);
      directory = next;
    }
    return directory;
  } catch (error) {
    closeQuietly(directory);
    throw error;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Read-only descriptors: a failed close loses nothing. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing to do
  }
}
