/**
 * The journal: what Ferry knows it has uploaded, so that a restart costs one stat per unchanged
 * file, and multipart uploads resume where they stopped. Real adapter: SQLite (WAL) in the
 * state directory. Synchronous by design (better-sqlite3 is): each call is one short transaction.
 *
 * Rule: a file is recorded `synced` only after the store confirmed it and the file was re-checked
 * unchanged. A crash at any instant leaves either the old record or the new one.
 */
export interface Journal {
  getFile(folderId: string, relativePath: string): FileRecord | undefined;
  /** Every record of a folder (the planner compares the whole folder at once). */
  listFiles(folderId: string): FileRecord[];
  /**
   * Every record of a folder, only the columns a comparison with the disk needs, handed to
   * `visit` one at a time and in no particular order: a scan of 100,000 files compares them
   * without the whole folder's records in memory (issue 15). `visit` must not write the journal.
   */
  forEachFileSummary(folderId: string, visit: (summary: FileSummary) => void): void;
  /** Inserts or replaces the record for (folderId, relativePath). */
  putFile(record: FileRecord): void;
  deleteFile(folderId: string, relativePath: string): void;

  getCheckpoint(folderId: string, relativePath: string): MultipartCheckpoint | undefined;
  /** Starts (or replaces) the checkpoint of a multipart upload, with no parts yet. */
  startCheckpoint(checkpoint: Omit<MultipartCheckpoint, 'parts'>): void;
  /** Records one part the store confirmed. Idempotent per part number. */
  addCheckpointPart(folderId: string, relativePath: string, part: CheckpointPart): void;
  deleteCheckpoint(folderId: string, relativePath: string): void;
  /** All open checkpoints (to resume, or to abort abandoned uploads). */
  listCheckpoints(): MultipartCheckpoint[];

  addHistory(entry: HistoryEntry): void;
  /** Newest first. */
  recentHistory(limit: number): HistoryEntry[];

  /**
   * The id of the transfer row of (folder, origin, key), allocated on first use and the same
   * for good (ids are never reused), so the UI keeps its rows across restarts (issue 13).
   */
  transferRowId(key: TransferRowKey): number;
  /** Inserts or replaces the row's last finished state, under its id. */
  putTransferRow(row: TransferRowRecord): void;
  /**
   * Rows with a finished state, oldest first: per folder the newest TRANSFER_ROWS_KEPT that did
   * not fail, and every failed one (kept until a later run of its path resolves it).
   */
  listTransferRows(): TransferRowRecord[];

  close(): void;
}

export type FileState = 'synced' | 'failed';

export interface FileRecord {
  readonly folderId: string;
  /** As on disk below the folder root, "/"-separated. */
  readonly relativePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Hex MD5 of the whole file when known (single PUT); null for multipart. */
  readonly md5: string | null;
  readonly remoteKey: string;
  /** The store's ETag for what we uploaded (unquoted); null while failed. */
  readonly etag: string | null;
  readonly state: FileState;
  /** Why the last attempt failed (state `failed`). */
  readonly lastError: string | null;
  /** When the record was written, ms since epoch. */
  readonly updatedAt: number;
}

/** What a scan compares a record with (file-ledger.ts, planner.ts): md5, times and errors stay
 *  in the journal. */
export type FileSummary = Pick<
  FileRecord,
  'relativePath' | 'size' | 'mtimeMs' | 'remoteKey' | 'etag' | 'state'
>;

export interface CheckpointPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly md5: string;
  /** The part's CRC-64 (decimal) where the store verifies by CRC-64 (OSS): a resumed upload
   *  combines the stored parts' CRCs into the whole object's. Absent for other stores. */
  readonly crc64?: string;
}

export interface MultipartCheckpoint {
  readonly folderId: string;
  readonly relativePath: string;
  readonly bucket: string;
  readonly remoteKey: string;
  readonly uploadId: string;
  /** The file as it was when the upload started: a different size or mtime means start over. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly partSize: number;
  readonly createdAt: number;
  /** Sorted by part number. */
  readonly parts: readonly CheckpointPart[];
}

export interface HistoryEntry {
  readonly time: number;
  readonly folderId: string;
  readonly relativePath: string;
  readonly action: 'upload' | 'delete';
  readonly result: 'ok' | 'failed';
  readonly bytes: number;
  readonly durationMs: number;
  readonly error: string | null;
}

/** Finished, not-failed transfer rows kept per folder; failed ones are all kept. */
export const TRANSFER_ROWS_KEPT = 200;

export interface TransferRowKey {
  readonly folderId: string;
  /** `sync`: a folder's file (key = its relative path); `drop`: a one-off (key = object key). */
  readonly origin: 'sync' | 'drop';
  readonly rowKey: string;
}

export interface TransferRowRecord extends TransferRowKey {
  readonly id: number;
  /** The row's state word (done, failed, skipped): pruning keeps failed rows. */
  readonly state: string;
  /** When the row last finished (ms since epoch): the newest are kept. */
  readonly updatedAt: number;
  /** The row as the UI shows it, JSON (never a secret: the same fields the snapshot carries). */
  readonly data: string;
}
