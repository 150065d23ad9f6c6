import { SyncError } from '../../../app/errors/sync-error.js';
import type { FileStat } from '../../../app/ports/file-system.js';

/*
 * Opening and stat'ing a path beneath a folder root without following a symbolic link on the
 * way (issue 11: a subdirectory swapped for a symlink made Ferry upload the link target's files).
 *
 * Linux has openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) and every POSIX system openat with
 * O_NOFOLLOW per component, but Node exposes neither (fs has no *at calls, no directory fds). So
 * this is the portable check-open-recheck: lstat every directory on the way (refusing links),
 * open the file with O_NOFOLLOW (the last component cannot be a link), fstat the handle, then
 * lstat the directories and the file again. A swap between the checks and the open shows up
 * afterwards: a directory that is now a link or another inode, or a file at the path whose
 * dev/ino is not the handle's. Swapping a directory away and back (same inode again) in between
 * cannot hide it either, because the file at the path is then the inside one and the handle is
 * not. Everything the caller reads comes from the verified handle, never from the path again.
 *
 * The limit of checks by path: an attacker who flips a directory between link and directory
 * faster than these calls run could, in principle, be on the right side of every check. On Linux
 * the adapter therefore uses open-beneath-proc.ts (real openat semantics through /proc/self/fd,
 * no window at all); this portable version serves macOS, Windows and Linux without /proc, and
 * the in-memory fake, where tests run it against a swap between every pair of its calls.
 */

/** What the algorithm needs from an lstat or fstat. */
export interface NodeInfo {
  readonly kind: FileStat['kind'];
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The few file-system calls the algorithm makes, so that it runs unchanged on the real disk
 * (node-beneath-calls.ts) and on the in-memory fake, where tests swap directories between any
 * two calls. Errors are errno-shaped (`code: 'ENOENT'`…).
 */
export interface BeneathCalls<Handle> {
  /** The platform's path separator: names containing it are refused. */
  readonly separator: string;
  realpath(path: string): Promise<string>;
  lstat(path: string): Promise<NodeInfo>;
  /** Opens read-only, failing (ELOOP) when the last component is a symbolic link, and never
   *  blocking on a FIFO. */
  openNoFollow(path: string): Promise<Handle>;
  fstat(handle: Handle): Promise<NodeInfo>;
  close(handle: Handle): Promise<void>;
}

/** A verified open file: the handle and its fstat. */
export interface OpenedBeneath<Handle> {
  readonly handle: Handle;
  readonly info: NodeInfo;
  readonly absolutePath: string;
}

/** Opens `relativePath` ("/"-separated) beneath `root`; see the file comment for the checks. */
export async function openBeneath<Handle>(
  calls: BeneathCalls<Handle>,
  root: string,
  relativePath: string,
): Promise<OpenedBeneath<Handle>> {
  const { directories, absolutePath } = await pathsBeneath(calls, root, relativePath);
  const seen = await checkDirectories(calls, directories, relativePath);

  let handle: Handle;
  try {
    handle = await calls.openNoFollow(absolutePath);
  } catch (error) {
    // ELOOP (Linux, macOS) or EMLINK (FreeBSD): O_NOFOLLOW met a link as the last component.
    const code = (error as { code?: unknown }).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw throughLinkError(relativePath, relativePath);
    throw error;
  }
  try {
    const [info, again, atPath] = await Promise.all([
      calls.fstat(handle),
      Promise.all(directories.map((directory) => calls.lstat(directory))),
      calls.lstat(absolutePath),
    ]);
    compareDirectories(directories, seen, again, relativePath);
    if (info.kind === 'directory') throw errno('ENOENT', absolutePath); // the file became a folder
    if (info.kind !== 'file') throw notRegularError(relativePath);
    if (atPath.kind === 'symlink') throw throughLinkError(relativePath, relativePath);
    if (!sameNode(info, atPath)) throw changedWhileOpeningError(relativePath);
    return { handle, info, absolutePath };
  } catch (error) {
    await calls.close(handle).catch(() => {}); // read-only: a failed close loses nothing
    throw error;
  }
}

/**
 * lstat of `relativePath` beneath `root`, refusing symlinked directories on the way like
 * openBeneath (the last component is not followed either: a link there is reported as one).
 * null when the path does not exist.
 */
export async function statBeneath<Handle>(
  calls: BeneathCalls<Handle>,
  root: string,
  relativePath: string,
): Promise<NodeInfo | null> {
  try {
    const { directories, absolutePath } = await pathsBeneath(calls, root, relativePath);
    const [seen, info] = await Promise.all([
      checkDirectories(calls, directories, relativePath),
      calls.lstat(absolutePath),
    ]);
    // A directory may have been swapped for a link while the file was looked at, and put back:
    // the directories are checked again, and the file must still be the one seen.
    const [again, still] = await Promise.all([
      Promise.all(directories.map((directory) => calls.lstat(directory))),
      calls.lstat(absolutePath),
    ]);
    compareDirectories(directories, seen, again, relativePath);
    if (!sameNode(info, still)) throw changedWhileOpeningError(relativePath);
    return info;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * The names of a "/"-separated path beneath a root; refuses any that could climb out or be
 * read as more than one name ('', '.', '..', NUL, the platform's separator).
 */
export function namesBeneath(relativePath: string, separator: string): string[] {
  const names = relativePath.split('/');
  const bad = (name: string) =>
    name === '' || name === '.' || name === '..' || name.includes('\0') || name.includes(separator);
  if (names.some(bad)) {
    throw new SyncError(
      'outside-folder',
      'no-retry',
      `"${relativePath}" is not a path inside the folder.`,
      { hint: 'This is a bug in Ferry or its watcher; please report it.' },
    );
  }
  return names;
}

/** The root's real path (it may itself be a link the user configured) and every directory
 *  from it down to the file's parent, with the file's absolute path. */
async function pathsBeneath<Handle>(
  calls: BeneathCalls<Handle>,
  root: string,
  relativePath: string,
): Promise<{ directories: string[]; absolutePath: string }> {
  const names = namesBeneath(relativePath, calls.separator);
  const base = await calls.realpath(root);
  const join = (parent: string, name: string) =>
    parent.endsWith(calls.separator) ? `${parent}${name}` : `${parent}${calls.separator}${name}`;
  const directories = [base];
  for (const name of names.slice(0, -1)) {
    directories.push(join(directories[directories.length - 1] as string, name));
  }
  const absolutePath = join(directories[directories.length - 1] as string, names.at(-1) as string);
  return { directories, absolutePath };
}

/** lstat of every directory on the way: each must be a real directory, never a link. */
async function checkDirectories<Handle>(
  calls: BeneathCalls<Handle>,
  directories: readonly string[],
  relativePath: string,
): Promise<NodeInfo[]> {
  const infos = await Promise.all(directories.map((directory) => calls.lstat(directory)));
  infos.forEach((info, index) => checkDirectory(info, index, directories, relativePath));
  return infos;
}

function checkDirectory(
  info: NodeInfo,
  index: number,
  directories: readonly string[],
  relativePath: string,
): void {
  if (info.kind === 'symlink') {
    throw throughLinkError(relativePath, relativePath.split('/').slice(0, index).join('/'));
  }
  if (info.kind !== 'directory') throw errno('ENOTDIR', directories[index] as string);
}

/** The directories seen before must be the very same (dev/ino) after. */
function compareDirectories(
  directories: readonly string[],
  before: readonly NodeInfo[],
  after: readonly NodeInfo[],
  relativePath: string,
): void {
  after.forEach((info, index) => {
    checkDirectory(info, index, directories, relativePath);
    if (!sameNode(info, before[index] as NodeInfo)) throw changedWhileOpeningError(relativePath);
  });
}

function sameNode(a: NodeInfo, b: NodeInfo): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

export function toFileStat(info: NodeInfo): FileStat {
  return { kind: info.kind, size: info.size, mtimeMs: info.mtimeMs };
}

/** A file reached through a symbolic link: reported, never uploaded (issue 11). */
export function throughLinkError(relativePath: string, link: string): SyncError {
  return new SyncError(
    'outside-folder',
    'no-retry',
    link === relativePath
      ? `Not uploading "${relativePath}": it is a symbolic link, which may lead outside the folder.`
      : `Not uploading "${relativePath}": the path goes through a symbolic link ("${link}"), which may lead outside the folder.`,
    {
      hint: 'Ferry never follows links inside a synced folder. Replace the link with a real folder or file, or ignore it in .ferryignore.',
    },
  );
}

/** The path was swapped while Ferry opened it: try again (the next look sees what is there). */
function changedWhileOpeningError(relativePath: string): SyncError {
  return new SyncError(
    'file-changed',
    'retry',
    `${relativePath} was moved or replaced while Ferry opened it.`,
    { hint: 'Ferry looks at it again; nothing to do unless this keeps happening.' },
  );
}

export function notRegularError(relativePath: string): SyncError {
  return new SyncError(
    'file-unreadable',
    'no-retry',
    `Not uploading "${relativePath}": it is not a regular file (a FIFO, socket or device).`,
    { hint: 'Only regular files are synced; ignore it in .ferryignore to silence this.' },
  );
}

function errno(code: string, path: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}
