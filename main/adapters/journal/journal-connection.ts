import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { SyncError } from '../../../app/errors/sync-error.js';
import { preparePrivateFile, tightenIfPresent } from '../system/private-files.js';
import { journalClosedError, journalError } from './journal-errors.js';
import { migrate } from './journal-schema.js';

/** Long enough to wait out a short write by another connection (e.g. the CLI), short enough that
 * a second Ferry on the same stateDir fails with a clear error instead of seeming to hang. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite's page cache, in KiB (a negative cache_size is "the number of KiB of memory", SQLite
 * "PRAGMA cache_size", sqlite.org/pragma.html, read 2026-11-30). better-sqlite3 builds SQLite
 * with SQLITE_DEFAULT_CACHE_SIZE=-16000 (its deps/defines.gypi, 12.x): one full pass over the
 * file records (a scan's plan) filled all 16 MB at 100,000 files, ~10 % of the 150 MB a watched
 * folder of that size may take (issue 15). The planner reads the records once, in order, and
 * writes come in batches of ≤ 512 rows: SQLite's own default of 2,000 KiB holds a batch, and a
 * page read again comes from the OS's cache.
 */
export const PAGE_CACHE_KIB = 2_000;

export interface JournalConnectionOptions {
  /** How long a statement waits for another connection's write lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the journal database at `path`, creating its directory private to
 * the user (0700), and brings the schema up to date.
 * Throws SyncError `journal-failed` (fatal) when the file is locked by another Ferry, damaged, not
 * a database, written by a newer Ferry, or cannot be created.
 */
export function openJournalDatabase(
  path: string,
  options: JournalConnectionOptions = {},
): Database.Database {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 0600 before SQLite opens it: the -wal and -shm files SQLite creates take this file's mode.
    preparePrivateFile(path);
    for (const companion of [`${path}-wal`, `${path}-shm`]) tightenIfPresent(companion);
  } catch (error) {
    throw journalError(path, error);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    // WAL: readers never block the writer, and a crash leaves the last committed state.
    // synchronous=NORMAL is safe with WAL: a power loss may drop the last commits, never corrupts.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new SyncError(
        'journal-failed',
        'fatal',
        `The journal ${path} cannot use write-ahead logging (the file system gave "${String(mode)}").`,
        { hint: 'Put stateDir on a local disk; network file systems cannot hold the journal.' },
      );
    }
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw journalError(path, error);
  }
}

/**
 * Runs `operation` on the open database, turning what SQLite throws into `journal-failed` naming
 * the file; refuses once the database is closed (use after shutdown is a bug, said as such).
 */
export function runOnJournal<T>(db: Database.Database, path: string, operation: () => T): T {
  if (!db.open) throw journalClosedError(path);
  try {
    return operation();
  } catch (error) {
    throw journalError(path, error);
  }
}
