import type Database from 'better-sqlite3';

import { SyncError } from '../../../app/errors/sync-error.js';
import { TRANSFER_ROWS_SCHEMA } from './sqlite-transfer-rows.js';

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

/**
 * Runs the migrations the file still needs. The version check and the migrations share one
 * IMMEDIATE transaction, so two processes opening an old file cannot both migrate it, and a
 * process that cannot get the write lock (another Ferry is writing) fails here, at open.
 */
export function migrate(db: Database.Database, path: string): void {
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
