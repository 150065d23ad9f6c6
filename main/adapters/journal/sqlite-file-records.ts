import type Database from 'better-sqlite3';

import type { FileRecord, FileSummary } from '../../../app/ports/journal.js';
import { BY_FILE_KEY, pickFields, type FileKey } from './row-binding.js';

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

/** The files table of the SqliteJournal: one record per synced (or failed) file. */
export class SqliteFileRecords {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      get: db.prepare<FileKey, FileRow>(`SELECT * FROM files ${BY_FILE_KEY}`),
      list: db.prepare<{ folderId: string }, FileRow>(
        'SELECT * FROM files WHERE folder_id = @folderId',
      ),
      // Named as the port names them: rows come out in FileSummary's shape, nothing to copy.
      summaries: db.prepare<{ folderId: string }, FileSummary>(
        `SELECT relative_path AS relativePath, size, mtime_ms AS mtimeMs,
                remote_key AS remoteKey, etag, state
           FROM files WHERE folder_id = @folderId`,
      ),
      put: db.prepare<FileRecord>(
        `INSERT OR REPLACE INTO files
           (folder_id, relative_path, size, mtime_ms, md5, remote_key, etag, state, last_error, updated_at)
         VALUES (@folderId, @relativePath, @size, @mtimeMs, @md5, @remoteKey, @etag, @state, @lastError, @updatedAt)`,
      ),
      delete: db.prepare<FileKey>(`DELETE FROM files ${BY_FILE_KEY}`),
    };
  }

  get(key: FileKey): FileRecord | undefined {
    const row = this.sql.get.get(key);
    return row && toFileRecord(row);
  }

  /** Every record of the folder, in no particular order. */
  list(folderId: string): FileRecord[] {
    return this.sql.list.all({ folderId }).map(toFileRecord);
  }

  /**
   * Streams the folder's summaries (better-sqlite3's iterate(): one row in memory at a time).
   * The connection is busy until the loop ends, so `visit` must not use this database.
   */
  forEachSummary(folderId: string, visit: (summary: FileSummary) => void): void {
    for (const summary of this.sql.summaries.iterate({ folderId })) visit(summary);
  }

  put(record: FileRecord): void {
    this.sql.put.run(pickFields(record, FILE_FIELDS));
  }

  delete(key: FileKey): void {
    this.sql.delete.run(key);
  }
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
