import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';

import { SyncError } from '../../../app/errors/sync-error.js';

/** Owner only: the journal names every synced path, bucket and key; the log more so. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The state directory, created 0700 or tightened to it, and refused when another user owns it
 * (that user could read or swap the journal and the log). A pre-existing directory Ferry owns
 * keeps its contents; only its mode changes (issue 11: a stateDir made 0755 by hand, or by an
 * older Ferry, stayed world-readable).
 * Windows has no POSIX owner or mode: there the directory is only created.
 */
export function preparePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  const stat = lstatSync(path);
  if (!stat.isDirectory()) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `The state directory ${path} is not a directory${stat.isSymbolicLink() ? ' (it is a symbolic link)' : ''}.`,
      { hint: 'Point stateDir at a real directory of your own (or remove the link).' },
    );
  }
  const uid = process.getuid();
  if (stat.uid !== uid) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `The state directory ${path} belongs to another user (uid ${stat.uid}, Ferry runs as uid ${uid}); that user could read or change Ferry's journal and log.`,
      {
        hint: 'Give this config a stateDir of your own, or have that directory handed over to you (chown).',
      },
    );
  }
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Makes sure a file exists with mode 0600 before a library opens it (SQLite creates its files
 * 0644 minus the umask, and gives the -wal and -shm files the mode of the database file:
 * sqlite3 os_unix.c, findCreateFileMode). An existing file is tightened.
 */
export function preparePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tightenIfPresent(path);
}

/** chmod 0600 when the file exists (the -wal / -shm of an older Ferry's journal). */
export function tightenIfPresent(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((lstatSync(path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
