import Database from 'better-sqlite3';

import { SyncError, toSyncError } from '../../../app/errors/sync-error.js';

/** SQLite's extended result code (e.g. SQLITE_BUSY, SQLITE_IOERR_WRITE), or an errno code. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Translates what SQLite or the file system threw into a fatal `journal-failed` that names the
 * file and says what to do. Anything else (a bug, such as a value SQLite cannot bind) becomes
 * `internal`.
 */
export function journalError(path: string, error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const isFileSystemError = error instanceof Error && 'syscall' in error;
  if (!(error instanceof Database.SqliteError) && !isFileSystemError) return toSyncError(error);
  const code = sqliteCode(error) ?? 'unknown';
  // Extended codes share their primary's hint: SQLITE_READONLY_DBMOVED → SQLITE_READONLY.
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  return new SyncError(
    'journal-failed',
    'fatal',
    `The journal ${path} cannot be used: ${error.message} (${code}).`,
    { hint: HINTS[primary] ?? DEFAULT_HINT, cause: error },
  );
}

/** The journal was used after close(): a bug in the caller, said as such. */
export function journalClosedError(path: string): SyncError {
  return new SyncError('journal-failed', 'fatal', `The journal ${path} is closed.`, {
    hint: 'This is a bug in Ferry: the journal was used after shutdown. Please report it.',
  });
}

const MOVE_ASIDE =
  'The file is damaged: move it aside (with its -wal and -shm files) and Ferry will rebuild it by re-checking files.';
const PERMISSIONS =
  'Check that stateDir exists, is a directory, and is writable by the user running Ferry.';
const DEFAULT_HINT = `Check the disk and the permissions of stateDir. If it persists: ${MOVE_ASIDE}`;

const HINTS: Record<string, string> = {
  SQLITE_BUSY:
    'Another Ferry process is using the same stateDir. Quit it, or give this one its own stateDir.',
  SQLITE_LOCKED:
    'Another Ferry process is using the same stateDir. Quit it, or give this one its own stateDir.',
  SQLITE_CORRUPT: MOVE_ASIDE,
  SQLITE_NOTADB: MOVE_ASIDE,
  SQLITE_CANTOPEN: PERMISSIONS,
  SQLITE_READONLY: PERMISSIONS,
  SQLITE_PERM: PERMISSIONS,
  SQLITE_AUTH: PERMISSIONS,
  EACCES: PERMISSIONS,
  EPERM: PERMISSIONS,
  ENOTDIR: PERMISSIONS,
  EEXIST: PERMISSIONS,
  EROFS: PERMISSIONS,
  SQLITE_FULL: 'The disk holding stateDir is full: free some space.',
  ENOSPC: 'The disk holding stateDir is full: free some space.',
  SQLITE_CONSTRAINT: 'Ferry tried to record an invalid value: this is a bug, please report it.',
  SQLITE_IOERR: `The disk reported an I/O error. Check it; if the file is damaged: ${MOVE_ASIDE}`,
};
