import type Database from 'better-sqlite3';

import { SyncError } from '../../../app/errors/sync-error.js';
import type { CheckpointPart, MultipartCheckpoint } from '../../../app/ports/journal.js';
import { sqliteCode } from './journal-errors.js';
import { BY_FILE_KEY, pickFields, type FileKey } from './row-binding.js';

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

type CheckpointHead = Omit<MultipartCheckpoint, 'parts'>;

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

const PART_FIELDS = [
  'partNumber',
  'etag',
  'size',
  'md5',
] as const satisfies readonly (keyof CheckpointPart)[];

/**
 * The checkpoints and checkpoint_parts tables of the SqliteJournal: one open multipart upload per
 * file and the parts the store confirmed. Multi-statement operations are transactions.
 */
export class SqliteCheckpoints {
  private readonly sql;

  constructor(db: Database.Database) {
    const getCheckpoint = db.prepare<FileKey, CheckpointRow>(
      `SELECT * FROM checkpoints ${BY_FILE_KEY}`,
    );
    const getParts = db.prepare<FileKey, PartRow>(
      `SELECT * FROM checkpoint_parts ${BY_FILE_KEY} ORDER BY part_number`,
    );
    const listCheckpoints = db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints');
    const listParts = db.prepare<[], PartRow>(
      'SELECT * FROM checkpoint_parts ORDER BY folder_id, relative_path, part_number',
    );
    // Deleting cascades to the parts (INSERT OR REPLACE alone would leave the old upload's parts).
    const deleteCheckpoint = db.prepare<FileKey>(`DELETE FROM checkpoints ${BY_FILE_KEY}`);
    const insertCheckpoint = db.prepare<CheckpointHead>(
      `INSERT INTO checkpoints
         (folder_id, relative_path, bucket, remote_key, upload_id, size, mtime_ms, part_size, created_at)
       VALUES (@folderId, @relativePath, @bucket, @remoteKey, @uploadId, @size, @mtimeMs, @partSize, @createdAt)`,
    );
    this.sql = {
      delete: deleteCheckpoint,
      replace: db.transaction((checkpoint: CheckpointHead) => {
        deleteCheckpoint.run(checkpoint);
        insertCheckpoint.run(checkpoint);
      }),
      putPart: db.prepare<FileKey & Omit<CheckpointPart, 'crc64'> & { crc64: string | null }>(
        `INSERT OR REPLACE INTO checkpoint_parts
           (folder_id, relative_path, part_number, etag, size, md5, crc64)
         VALUES (@folderId, @relativePath, @partNumber, @etag, @size, @md5, @crc64)`,
      ),
      // Reads of two tables share one transaction so that they see one snapshot.
      read: db.transaction((key: FileKey): MultipartCheckpoint | undefined => {
        const row = getCheckpoint.get(key);
        return row && toCheckpoint(row, getParts.all(key));
      }),
      readAll: db.transaction((): MultipartCheckpoint[] => {
        const parts = new Map<string, PartRow[]>();
        for (const part of listParts.all()) {
          const id = keyOf(part.folder_id, part.relative_path);
          const list = parts.get(id);
          if (list) list.push(part);
          else parts.set(id, [part]);
        }
        return listCheckpoints
          .all()
          .map((row) =>
            toCheckpoint(row, parts.get(keyOf(row.folder_id, row.relative_path)) ?? []),
          );
      }),
    };
  }

  get(key: FileKey): MultipartCheckpoint | undefined {
    return this.sql.read(key);
  }

  /** Replaces any checkpoint of the same file, dropping its parts, in one transaction. */
  start(checkpoint: CheckpointHead): void {
    this.sql.replace(pickFields(checkpoint, CHECKPOINT_FIELDS));
  }

  /**
   * Inserts or replaces the part. Throws SyncError `internal` (no-retry) when the file has no
   * checkpoint (deleted or never started): a part of an upload nobody tracks is worthless.
   */
  addPart(key: FileKey, part: CheckpointPart): void {
    const { folderId, relativePath } = key;
    const row = {
      folderId,
      relativePath,
      ...pickFields(part, PART_FIELDS),
      crc64: part.crc64 ?? null,
    };
    try {
      this.sql.putPart.run(row);
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw noCheckpoint(folderId, relativePath, part.partNumber);
      }
      throw error;
    }
  }

  /** Deletes the checkpoint and its parts; nothing happens when there is none. */
  delete(key: FileKey): void {
    this.sql.delete.run(key);
  }

  list(): MultipartCheckpoint[] {
    return this.sql.readAll();
  }
}

function keyOf(folderId: string, relativePath: string): string {
  return `${folderId}\0${relativePath}`;
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

function noCheckpoint(folderId: string, relativePath: string, partNumber: number): SyncError {
  return new SyncError(
    'internal',
    'no-retry',
    `Cannot record part ${partNumber} of ${folderId}:${relativePath}: no multipart upload is checkpointed for it.`,
    { hint: 'The upload was restarted or abandoned meanwhile; it will start over.' },
  );
}
