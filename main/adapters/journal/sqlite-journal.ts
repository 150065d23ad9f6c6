import type Database from 'better-sqlite3';

import type {
  CheckpointPart,
  FileRecord,
  FileSummary,
  HistoryEntry,
  Journal,
  MultipartCheckpoint,
  TransferRowKey,
  TransferRowRecord,
} from '../../../app/ports/journal.js';
import {
  openJournalDatabase,
  runOnJournal,
  type JournalConnectionOptions,
} from './journal-connection.js';
import { SqliteCheckpoints } from './sqlite-checkpoints.js';
import { SqliteFileRecords } from './sqlite-file-records.js';
import { SqliteHistory } from './sqlite-history.js';
import { SqliteTransferRows } from './sqlite-transfer-rows.js';
import { SqliteWriteBatch, type WriteBatchOptions } from './sqlite-write-batch.js';

export { HISTORY_KEEP } from './sqlite-history.js';

export interface SqliteJournalOptions extends JournalConnectionOptions {
  /** How the per-file writes are batched (sqlite-write-batch.ts); tests shorten it. */
  writeBatch?: WriteBatchOptions;
}

/**
 * Opens (creating if needed) the journal database at `path`, creating its directory private to
 * the user (0700), and brings the schema up to date (journal-connection.ts, journal-schema.ts).
 * Throws SyncError `journal-failed` (fatal) when the file is locked by another Ferry, damaged, not
 * a database, written by a newer Ferry, or cannot be created.
 */
export function openSqliteJournal(path: string, options: SqliteJournalOptions = {}): SqliteJournal {
  const db = openJournalDatabase(path, options);
  try {
    return new SqliteJournal(db, path, options.writeBatch);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The journal on SQLite (better-sqlite3, synchronous), composed of one class per table: files,
 * checkpoints (with their parts), history and transfer rows. Every method is one statement or
 * one transaction, so a crash leaves either the old state or the new one; the per-file writes of
 * a burst (file records, history, transfer rows) share one transaction, committed within
 * milliseconds (sqlite-write-batch.ts says why that is safe). Statements are
 * prepared once. Failures surface as SyncError `journal-failed` (fatal) naming the file.
 * Use openSqliteJournal(); the constructor expects an open, migrated database.
 */
export class SqliteJournal implements Journal {
  private readonly files: SqliteFileRecords;
  private readonly checkpoints: SqliteCheckpoints;
  private readonly history: SqliteHistory;
  private readonly transferRows: SqliteTransferRows;
  private readonly batch: SqliteWriteBatch;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    writeBatch?: WriteBatchOptions,
  ) {
    this.batch = new SqliteWriteBatch(db, writeBatch);
    this.files = this.run(() => new SqliteFileRecords(db));
    this.checkpoints = this.run(() => new SqliteCheckpoints(db));
    this.history = this.run(() => new SqliteHistory(db));
    this.transferRows = this.run(() => new SqliteTransferRows(db));
    // Also at open: a Ferry restarted often might otherwise never reach the pruning interval.
    this.run(() => this.history.prune());
  }

  getFile(folderId: string, relativePath: string): FileRecord | undefined {
    return this.run(() => this.files.get({ folderId, relativePath }));
  }

  /** Every record of the folder, in no particular order. */
  listFiles(folderId: string): FileRecord[] {
    return this.run(() => this.files.list(folderId));
  }

  /** Streamed: the folder's records are never all in memory (sqlite-file-records.ts). */
  forEachFileSummary(folderId: string, visit: (summary: FileSummary) => void): void {
    this.run(() => this.files.forEachSummary(folderId, visit));
  }

  putFile(record: FileRecord): void {
    this.batched(() => this.files.put(record));
  }

  deleteFile(folderId: string, relativePath: string): void {
    this.batched(() => this.files.delete({ folderId, relativePath }));
  }

  getCheckpoint(folderId: string, relativePath: string): MultipartCheckpoint | undefined {
    return this.run(() => this.checkpoints.get({ folderId, relativePath }));
  }

  /** Replaces any checkpoint of the same file, dropping its parts, in one transaction. */
  startCheckpoint(checkpoint: Omit<MultipartCheckpoint, 'parts'>): void {
    this.durable(() => this.checkpoints.start(checkpoint));
  }

  /** Throws SyncError `internal` (no-retry) when the file has no checkpoint. */
  addCheckpointPart(folderId: string, relativePath: string, part: CheckpointPart): void {
    this.durable(() => this.checkpoints.addPart({ folderId, relativePath }, part));
  }

  /** Deletes the checkpoint and its parts; nothing happens when there is none. */
  deleteCheckpoint(folderId: string, relativePath: string): void {
    this.durable(() => this.checkpoints.delete({ folderId, relativePath }));
  }

  listCheckpoints(): MultipartCheckpoint[] {
    return this.run(() => this.checkpoints.list());
  }

  /** Appends the entry; only the newest HISTORY_KEEP entries (by time) are kept. */
  addHistory(entry: HistoryEntry): void {
    this.batched(() => this.history.add(entry));
  }

  recentHistory(limit: number): HistoryEntry[] {
    return this.run(() => this.history.recent(limit));
  }

  transferRowId(key: TransferRowKey): number {
    return this.batched(() => this.transferRows.idFor(key));
  }

  putTransferRow(row: TransferRowRecord): void {
    this.batched(() => this.transferRows.put(row));
  }

  listTransferRows(): TransferRowRecord[] {
    return this.run(() => this.transferRows.list());
  }

  /** Commits the open batch and closes the database (SQLite folds the WAL back into the file).
   * Safe to call twice. */
  close(): void {
    if (!this.db.open) return;
    this.run(() => {
      try {
        this.batch.commit();
      } finally {
        this.db.close();
      }
    });
  }

  /** A write that joins the burst's transaction (committed within milliseconds). */
  private batched<T>(operation: () => T): T {
    return this.run(() => this.batch.write(operation));
  }

  /** A write committed before it returns, together with any batch before it (kept in order). */
  private durable<T>(operation: () => T): T {
    return this.run(() => {
      this.batch.commit();
      return operation();
    });
  }

  private run<T>(operation: () => T): T {
    return runOnJournal(this.db, this.path, operation);
  }
}
