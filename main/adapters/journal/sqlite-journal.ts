import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { SyncError, toSyncError } from '../../../app/errors/sync-error.js';
import { preparePrivateFile, tightenIfPresent } from '../system/private-files.js';
import { SqliteTransferRows, TRANSFER_ROWS_SCHEMA } from './sqlite-transfer-rows.js';
import type {
  CheckpointPart,
  FileRecord,
  HistoryEntry,
  Journal,
  MultipartCheckpoint,
  TransferRowKey,
  TransferRowRecord,
} from '../../../app/ports/journal.js';

/** How many history rows are kept: the newest ones (by time). */
export const HISTORY_KEEP = 10_000;

/** Pruning runs once per this many inserts (and once at open), so the table holds at most
 * HISTORY_KEEP + PRUNE_EVERY - 1 rows and an insert stays one cheap statement. */
const PRUNE_EVERY = 500;

/** Long enough to wait out a short write by another connection (e.g. the CLI), short enough that
 * a second Ferry on the same stateDir fails with a clear error instead of seeming to hang. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Schema migrations, keyed on `PRAGMA user_version`: entry i takes the schema from version i to
 * i + 1. Append only; never edit a migration that has shipped (users have run it).
 * Tables keyed by (folder_id, relative_path) are WITHOUT ROWID: the key is the lookup, so a
 * separate rowid would only cost space and a second b-tree probe. Paths compare byte-wise
 * (BINARY collation), so NFC and NFD spellings of a name stay distinct, as they are on disk.
 */
const MIGRATIONS: readonly string[] = [
  /* 0 → 1: initial schema */ `
  CREATE TABLE files (
    folder_id     TEXT    NOT NULL,
    relative_path TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    mtime_ms      REAL    NOT NULL,
    md5           TEXT,
    remote_key    TEXT    NOT NULL,
    etag          TEXT,
    state         TEXT    NOT NULL CHECK (state IN ('synced', 'failed')),
    last_error    TEXT,
    updated_at    REAL    NOT NULL,
    PRIMARY KEY (folder_id, relative_path)
  ) WITHOUT ROWID;

  CREATE TABLE checkpoints (
    folder_id     TEXT    NOT NULL,
    relative_path TEXT    NOT NULL,
    bucket        TEXT    NOT NULL,
    remote_key    TEXT    NOT NULL,
    upload_id     TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    mtime_ms      REAL    NOT NULL,
    part_size     INTEGER NOT NULL,
    created_at    REAL    NOT NULL,
    PRIMARY KEY (folder_id, relative_path)
  ) WITHOUT ROWID;

  CREATE TABLE checkpoint_parts (
    folder_id     TEXT    NOT NULL,
    relative_path TEXT    NOT NULL,
    part_number   INTEGER NOT NULL,
    etag          TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    md5           TEXT    NOT NULL,
    PRIMARY KEY (folder_id, relative_path, part_number),
    FOREIGN KEY (folder_id, relative_path)
      REFERENCES checkpoints (folder_id, relative_path) ON DELETE CASCADE
  ) WITHOUT ROWID;

  CREATE TABLE history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    time          REAL    NOT NULL,
    folder_id     TEXT    NOT NULL,
    relative_path TEXT    NOT NULL,
    action        TEXT    NOT NULL CHECK (action IN ('upload', 'delete')),
    result        TEXT    NOT NULL CHECK (result IN ('ok', 'failed')),
    bytes         INTEGER NOT NULL,
    duration_ms   REAL    NOT NULL,
    error         TEXT
  );
  CREATE INDEX history_by_time ON history (time);
  `,
  /* 1 → 2: each part's CRC-64, for stores that verify by it (OSS); NULL for the others */ `
  ALTER TABLE checkpoint_parts ADD COLUMN crc64 TEXT;
  `,
  /* 2 → 3: the transfer list's rows and their stable ids (issue 13) */ TRANSFER_ROWS_SCHEMA,
];

export interface SqliteJournalOptions {
  /** How long a statement waits for another connection's write lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the journal database at `path`, creating its directory private to
 * the user (0700), and brings the schema up to date.
 * Throws SyncError `journal-failed` (fatal) when the file is locked by another Ferry, damaged, not
 * a database, written by a newer Ferry, or cannot be created.
 */
export function openSqliteJournal(path: string, options: SqliteJournalOptions = {}): SqliteJournal {
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
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return new SqliteJournal(db, path);
  } catch (error) {
    db?.close();
    throw journalError(path, error);
  }
}

/**
 * Runs the migrations the file still needs. The version check and the migrations share one
 * IMMEDIATE transaction, so two processes opening an old file cannot both migrate it, and a
 * process that cannot get the write lock (another Ferry is writing) fails here, at open.
 */
function migrate(db: Database.Database, path: string): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      throw new SyncError(
        'journal-failed',
        'fatal',
        `The journal ${path} has schema version ${version}; this Ferry knows up to ${MIGRATIONS.length}.`,
        {
          hint: 'It was written by a newer Ferry: update Ferry, or move the file aside and Ferry will rebuild it by re-checking files.',
        },
      );
    }
    for (let next = version; next < MIGRATIONS.length; next++) {
      db.exec(MIGRATIONS[next] ?? '');
      db.pragma(`user_version = ${next + 1}`);
    }
  }).immediate();
}

interface FileRow {
  folder_id: string;
  relative_path: string;
  size: number;
  mtime_ms: number;
  md5: string | null;
  remote_key: string;
  etag: string | null;
  state: FileRecord['state'];
  last_error: string | null;
  updated_at: number;
}

interface CheckpointRow {
  folder_id: string;
  relative_path: string;
  bucket: string;
  remote_key: string;
  upload_id: string;
  size: number;
  mtime_ms: number;
  part_size: number;
  created_at: number;
}

interface PartRow {
  folder_id: string;
  relative_path: string;
  part_number: number;
  etag: string;
  size: number;
  md5: string;
  crc64: string | null;
}

interface HistoryRow {
  time: number;
  folder_id: string;
  relative_path: string;
  action: HistoryEntry['action'];
  result: HistoryEntry['result'];
  bytes: number;
  duration_ms: number;
  error: string | null;
}

interface Key {
  folderId: string;
  relativePath: string;
}

/**
 * The journal on SQLite (better-sqlite3, synchronous). Every method is one statement or one
 * transaction, so a crash leaves either the old state or the new one. Statements are prepared
 * once. Failures surface as SyncError `journal-failed` (fatal) naming the file.
 * Use openSqliteJournal(); the constructor expects an open, migrated database.
 */
export class SqliteJournal implements Journal {
  private readonly sql: Statements;
  private historyInserts = 0;
  private readonly transferRows: SqliteTransferRows;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.sql = prepare(db);
    this.transferRows = this.run(() => new SqliteTransferRows(db));
    // Also at open: a Ferry restarted often might otherwise never reach PRUNE_EVERY inserts.
    this.run(() => this.sql.pruneHistory.run(HISTORY_KEEP));
  }

  getFile(folderId: string, relativePath: string): FileRecord | undefined {
    const row = this.run(() => this.sql.getFile.get({ folderId, relativePath }));
    return row && toFileRecord(row);
  }

  /** Every record of the folder, in no particular order. */
  listFiles(folderId: string): FileRecord[] {
    return this.run(() => this.sql.listFiles.all({ folderId })).map(toFileRecord);
  }

  putFile(record: FileRecord): void {
    this.run(() => this.sql.putFile.run(pick(record, FILE_FIELDS)));
  }

  deleteFile(folderId: string, relativePath: string): void {
    this.run(() => this.sql.deleteFile.run({ folderId, relativePath }));
  }

  getCheckpoint(folderId: string, relativePath: string): MultipartCheckpoint | undefined {
    return this.run(() => this.sql.readCheckpoint({ folderId, relativePath }));
  }

  /** Replaces any checkpoint of the same file, dropping its parts, in one transaction. */
  startCheckpoint(checkpoint: Omit<MultipartCheckpoint, 'parts'>): void {
    this.run(() => this.sql.replaceCheckpoint(pick(checkpoint, CHECKPOINT_FIELDS)));
  }

  /**
   * Inserts or replaces the part. Throws SyncError `internal` (no-retry) when the file has no
   * checkpoint (deleted or never started): a part of an upload nobody tracks is worthless.
   */
  addCheckpointPart(folderId: string, relativePath: string, part: CheckpointPart): void {
    const row = { folderId, relativePath, ...pick(part, PART_FIELDS), crc64: part.crc64 ?? null };
    this.run(() => {
      try {
        this.sql.putPart.run(row);
      } catch (error) {
        if (sqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw noCheckpoint(folderId, relativePath, part.partNumber);
        }
        throw error;
      }
    });
  }

  /** Deletes the checkpoint and its parts; nothing happens when there is none. */
  deleteCheckpoint(folderId: string, relativePath: string): void {
    this.run(() => this.sql.deleteCheckpoint.run({ folderId, relativePath }));
  }

  listCheckpoints(): MultipartCheckpoint[] {
    return this.run(() => this.sql.readCheckpoints());
  }

  /** Appends the entry; only the newest HISTORY_KEEP entries (by time) are kept. */
  addHistory(entry: HistoryEntry): void {
    this.run(() => this.sql.addHistory.run(pick(entry, HISTORY_FIELDS)));
    this.historyInserts++;
    if (this.historyInserts % PRUNE_EVERY === 0) {
      this.run(() => this.sql.pruneHistory.run(HISTORY_KEEP));
    }
  }

  recentHistory(limit: number): HistoryEntry[] {
    return this.run(() => this.sql.recentHistory.all(limit)).map(toHistoryEntry);
  }

  transferRowId(key: TransferRowKey): number {
    return this.run(() => this.transferRows.idFor(key));
  }

  putTransferRow(row: TransferRowRecord): void {
    this.run(() => this.transferRows.put(row));
  }

  listTransferRows(): TransferRowRecord[] {
    return this.run(() => this.transferRows.list());
  }

  /** Closes the database (SQLite folds the WAL back into the file). Safe to call twice. */
  close(): void {
    if (this.db.open) this.run(() => this.db.close());
  }

  private run<T>(operation: () => T): T {
    if (!this.db.open) {
      throw new SyncError('journal-failed', 'fatal', `The journal ${this.path} is closed.`, {
        hint: 'This is a bug in Ferry: the journal was used after shutdown. Please report it.',
      });
    }
    try {
      return operation();
    } catch (error) {
      throw journalError(this.path, error);
    }
  }
}

type Statements = ReturnType<typeof prepare>;

/** Prepares every statement once, and the multi-statement operations as transactions. */
function prepare(db: Database.Database) {
  const byKey = 'WHERE folder_id = @folderId AND relative_path = @relativePath';
  const getCheckpoint = db.prepare<Key, CheckpointRow>(`SELECT * FROM checkpoints ${byKey}`);
  const getParts = db.prepare<Key, PartRow>(
    `SELECT * FROM checkpoint_parts ${byKey} ORDER BY part_number`,
  );
  const listCheckpoints = db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints');
  const listParts = db.prepare<[], PartRow>(
    'SELECT * FROM checkpoint_parts ORDER BY folder_id, relative_path, part_number',
  );
  // Deleting cascades to the parts (INSERT OR REPLACE alone would leave the old upload's parts).
  const deleteCheckpoint = db.prepare<Key>(`DELETE FROM checkpoints ${byKey}`);
  const insertCheckpoint = db.prepare<Omit<MultipartCheckpoint, 'parts'>>(
    `INSERT INTO checkpoints
       (folder_id, relative_path, bucket, remote_key, upload_id, size, mtime_ms, part_size, created_at)
     VALUES (@folderId, @relativePath, @bucket, @remoteKey, @uploadId, @size, @mtimeMs, @partSize, @createdAt)`,
  );

  return {
    getFile: db.prepare<Key, FileRow>(`SELECT * FROM files ${byKey}`),
    listFiles: db.prepare<{ folderId: string }, FileRow>(
      'SELECT * FROM files WHERE folder_id = @folderId',
    ),
    putFile: db.prepare<FileRecord>(
      `INSERT OR REPLACE INTO files
         (folder_id, relative_path, size, mtime_ms, md5, remote_key, etag, state, last_error, updated_at)
       VALUES (@folderId, @relativePath, @size, @mtimeMs, @md5, @remoteKey, @etag, @state, @lastError, @updatedAt)`,
    ),
    deleteFile: db.prepare<Key>(`DELETE FROM files ${byKey}`),
    deleteCheckpoint,
    replaceCheckpoint: db.transaction((checkpoint: Omit<MultipartCheckpoint, 'parts'>) => {
      deleteCheckpoint.run(checkpoint);
      insertCheckpoint.run(checkpoint);
    }),
    putPart: db.prepare<Key & Omit<CheckpointPart, 'crc64'> & { crc64: string | null }>(
      `INSERT OR REPLACE INTO checkpoint_parts
         (folder_id, relative_path, part_number, etag, size, md5, crc64)
       VALUES (@folderId, @relativePath, @partNumber, @etag, @size, @md5, @crc64)`,
    ),
    // Reads of two tables share one transaction so that they see one snapshot.
    readCheckpoint: db.transaction((key: Key): MultipartCheckpoint | undefined => {
      const row = getCheckpoint.get(key);
      return row && toCheckpoint(row, getParts.all(key));
    }),
    readCheckpoints: db.transaction((): MultipartCheckpoint[] => {
      const parts = new Map<string, PartRow[]>();
      for (const part of listParts.all()) {
        const id = keyOf(part.folder_id, part.relative_path);
        const list = parts.get(id);
        if (list) list.push(part);
        else parts.set(id, [part]);
      }
      return listCheckpoints
        .all()
        .map((row) => toCheckpoint(row, parts.get(keyOf(row.folder_id, row.relative_path)) ?? []));
    }),
    addHistory: db.prepare<HistoryEntry>(
      `INSERT INTO history (time, folder_id, relative_path, action, result, bytes, duration_ms, error)
       VALUES (@time, @folderId, @relativePath, @action, @result, @bytes, @durationMs, @error)`,
    ),
    recentHistory: db.prepare<[number], HistoryRow>(
      'SELECT * FROM history ORDER BY time DESC, id DESC LIMIT ?',
    ),
    pruneHistory: db.prepare<[number]>(
      `DELETE FROM history WHERE id IN
         (SELECT id FROM history ORDER BY time DESC, id DESC LIMIT -1 OFFSET ?)`,
    ),
  };
}

const FILE_FIELDS = [
  'folderId',
  'relativePath',
  'size',
  'mtimeMs',
  'md5',
  'remoteKey',
  'etag',
  'state',
  'lastError',
  'updatedAt',
] as const satisfies readonly (keyof FileRecord)[];

const CHECKPOINT_FIELDS = [
  'folderId',
  'relativePath',
  'bucket',
  'remoteKey',
  'uploadId',
  'size',
  'mtimeMs',
  'partSize',
  'createdAt',
] as const satisfies readonly (keyof MultipartCheckpoint)[];

const HISTORY_FIELDS = [
  'time',
  'folderId',
  'relativePath',
  'action',
  'result',
  'bytes',
  'durationMs',
  'error',
] as const satisfies readonly (keyof HistoryEntry)[];

const PART_FIELDS = [
  'partNumber',
  'etag',
  'size',
  'md5',
] as const satisfies readonly (keyof CheckpointPart)[];

/** Only the named fields: callers may pass richer objects, and better-sqlite3 binds what it gets. */
function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = value[key];
  return picked;
}

function keyOf(folderId: string, relativePath: string): string {
  return `${folderId}\0${relativePath}`;
}

function toFileRecord(row: FileRow): FileRecord {
  return {
    folderId: row.folder_id,
    relativePath: row.relative_path,
    size: row.size,
    mtimeMs: row.mtime_ms,
    md5: row.md5,
    remoteKey: row.remote_key,
    etag: row.etag,
    state: row.state,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}

function toCheckpoint(row: CheckpointRow, parts: readonly PartRow[]): MultipartCheckpoint {
  return {
    folderId: row.folder_id,
    relativePath: row.relative_path,
    bucket: row.bucket,
    remoteKey: row.remote_key,
    uploadId: row.upload_id,
    size: row.size,
    mtimeMs: row.mtime_ms,
    partSize: row.part_size,
    createdAt: row.created_at,
    parts: parts.map((part) => ({
      partNumber: part.part_number,
      etag: part.etag,
      size: part.size,
      md5: part.md5,
      ...(part.crc64 === null ? {} : { crc64: part.crc64 }),
    })),
  };
}

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    time: row.time,
    folderId: row.folder_id,
    relativePath: row.relative_path,
    action: row.action,
    result: row.result,
    bytes: row.bytes,
    durationMs: row.duration_ms,
    error: row.error,
  };
}

function noCheckpoint(folderId: string, relativePath: string, partNumber: number): SyncError {
  return new SyncError(
    'internal',
    'no-retry',
    `Cannot record part ${partNumber} of ${folderId}:${relativePath}: no multipart upload is checkpointed for it.`,
    { hint: 'The upload was restarted or abandoned meanwhile; it will start over.' },
  );
}

/** SQLite's extended result code (e.g. SQLITE_BUSY, SQLITE_IOERR_WRITE), or an errno code. */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Translates what SQLite or the file system threw into a fatal `journal-failed` that names the
 * file and says what to do. Anything else (a bug, such as a value SQLite cannot bind) becomes
 * `internal`.
 */
function journalError(path: string, error: unknown): SyncError {
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
