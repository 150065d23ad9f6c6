import type Database from 'better-sqlite3';

import {
  TRANSFER_ROWS_KEPT,
  type TransferRowKey,
  type TransferRowRecord,
} from '../../../app/ports/journal.js';

/** The transfer_rows table (migration 2 → 3), created by the journal's migrations. */
export const TRANSFER_ROWS_SCHEMA = `
  CREATE TABLE transfer_rows (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id   TEXT    NOT NULL,
    origin      TEXT    NOT NULL CHECK (origin IN ('sync', 'drop')),
    row_key     TEXT    NOT NULL,
    state       TEXT,
    updated_at  REAL    NOT NULL,
    data        TEXT,
    UNIQUE (folder_id, origin, row_key)
  );
  CREATE INDEX transfer_rows_by_folder ON transfer_rows (folder_id, updated_at);
`;

/** Pruning (rows past the kept ones) runs once per this many writes, and once at open. */
const PRUNE_EVERY = 500;

interface Row {
  id: number;
  folder_id: string;
  origin: TransferRowKey['origin'];
  row_key: string;
  state: string;
  updated_at: number;
  data: string;
}

interface KeyParams {
  folderId: string;
  origin: string;
  rowKey: string;
}

/**
 * The rows of the transfer list, for the SqliteJournal. AUTOINCREMENT (not a plain rowid) so an
 * id is never handed out twice, even after its row was pruned: a UI holding an old id can never
 * see it become another file. A row whose id was handed out but that never finished has a NULL
 * state and data, and is not listed.
 */
export class SqliteTransferRows {
  private writes = 0;
  private readonly sql;

  constructor(db: Database.Database) {
    const byKey = 'folder_id = @folderId AND origin = @origin AND row_key = @rowKey';
    const find = db.prepare<KeyParams, { id: number }>(
      `SELECT id FROM transfer_rows WHERE ${byKey}`,
    );
    const allocate = db.prepare<KeyParams>(
      `INSERT INTO transfer_rows (folder_id, origin, row_key, state, updated_at, data)
       VALUES (@folderId, @origin, @rowKey, NULL, 0, NULL)`,
    );
    // Ranked per folder, failed and not-failed apart: every failed row, the newest others.
    const ranked = `SELECT id, state, ROW_NUMBER() OVER (
        PARTITION BY folder_id, state = 'failed' ORDER BY updated_at DESC, id DESC) AS rank
      FROM transfer_rows`;
    this.sql = {
      idFor: db.transaction((key: KeyParams): number => {
        const found = find.get(key);
        if (found) return found.id;
        return Number(allocate.run(key).lastInsertRowid);
      }),
      // By id, replacing the row of the same key (it has the same id: idFor handed it out).
      put: db.prepare<TransferRowRecord>(
        `INSERT OR REPLACE INTO transfer_rows (id, folder_id, origin, row_key, state, updated_at, data)
         VALUES (@id, @folderId, @origin, @rowKey, @state, @updatedAt, @data)`,
      ),
      list: db.prepare<[number], Row>(
        `SELECT t.* FROM transfer_rows t JOIN (${ranked}) r ON r.id = t.id
         WHERE t.data IS NOT NULL AND (t.state = 'failed' OR r.rank <= ?)
         ORDER BY t.updated_at, t.id`,
      ),
      prune: db.prepare<[number]>(
        `DELETE FROM transfer_rows WHERE id IN
           (SELECT id FROM (${ranked}) WHERE (state IS NULL OR state <> 'failed') AND rank > ?)`,
      ),
    };
    this.sql.prune.run(TRANSFER_ROWS_KEPT);
  }

  idFor(key: TransferRowKey): number {
    return this.sql.idFor({ folderId: key.folderId, origin: key.origin, rowKey: key.rowKey });
  }

  put(row: TransferRowRecord): void {
    const { id, folderId, origin, rowKey, state, updatedAt, data } = row;
    this.sql.put.run({ id, folderId, origin, rowKey, state, updatedAt, data });
    if (++this.writes % PRUNE_EVERY === 0) this.sql.prune.run(TRANSFER_ROWS_KEPT);
  }

  list(): TransferRowRecord[] {
    return this.sql.list.all(TRANSFER_ROWS_KEPT).map((row) => ({
      id: row.id,
      folderId: row.folder_id,
      origin: row.origin,
      rowKey: row.row_key,
      state: row.state,
      updatedAt: row.updated_at,
      data: row.data,
    }));
  }
}
