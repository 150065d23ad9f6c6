import { SyncError } from '../../app/errors/sync-error.js';
import type {
  CheckpointPart,
  FileRecord,
  FileSummary,
  HistoryEntry,
  Journal,
  MultipartCheckpoint,
  TransferRowKey,
  TransferRowRecord,
} from '../../app/ports/journal.js';
import { TRANSFER_ROWS_KEPT } from '../../app/ports/journal.js';

/** Like the SQLite adapter: keep the newest 10,000 history entries, pruning in batches of 500. */
const HISTORY_KEEP = 10_000;
const PRUNE_EVERY = 500;

type StoredCheckpoint = Omit<MultipartCheckpoint, 'parts'> & { parts: Map<number, CheckpointPart> };

/**
 * The journal in memory, with the SQLite adapter's semantics (the shared contract in
 * test/contracts/journal-contract.ts holds both to them). Records go in and come out as copies,
 * so a caller mutating what it passed or got cannot change the stored state.
 */
export class MemoryJournal implements Journal {
  private readonly files = new Map<string, FileRecord>();
  private readonly checkpoints = new Map<string, StoredCheckpoint>();
  private history: { entry: HistoryEntry; sequence: number }[] = [];
  private sequence = 0;
  private closed = false;
  /** By row key; a row with a null record had its id handed out and never finished. */
  private readonly transferRows = new Map<
    string,
    { id: number; record: TransferRowRecord | null }
  >();
  private lastRowId = 0;

  getFile(folderId: string, relativePath: string): FileRecord | undefined {
    this.checkOpen();
    const record = this.files.get(keyOf(folderId, relativePath));
    return record && { ...record };
  }

  listFiles(folderId: string): FileRecord[] {
    this.checkOpen();
    return [...this.files.values()]
      .filter((record) => record.folderId === folderId)
      .map((record) => ({ ...record }));
  }

  forEachFileSummary(folderId: string, visit: (summary: FileSummary) => void): void {
    this.checkOpen();
    for (const record of [...this.files.values()]) {
      if (record.folderId !== folderId) continue;
      const { relativePath, size, mtimeMs, remoteKey, etag, state } = record;
      visit({ relativePath, size, mtimeMs, remoteKey, etag, state });
    }
  }

  putFile(record: FileRecord): void {
    this.checkOpen();
    this.files.set(keyOf(record.folderId, record.relativePath), { ...record });
  }

  deleteFile(folderId: string, relativePath: string): void {
    this.checkOpen();
    this.files.delete(keyOf(folderId, relativePath));
  }

  getCheckpoint(folderId: string, relativePath: string): MultipartCheckpoint | undefined {
    this.checkOpen();
    const stored = this.checkpoints.get(keyOf(folderId, relativePath));
    return stored && toCheckpoint(stored);
  }

  startCheckpoint(checkpoint: Omit<MultipartCheckpoint, 'parts'>): void {
    this.checkOpen();
    const { folderId, relativePath, bucket, remoteKey, uploadId, size, mtimeMs, partSize } =
      checkpoint;
    this.checkpoints.set(keyOf(folderId, relativePath), {
      folderId,
      relativePath,
      bucket,
      remoteKey,
      uploadId,
      size,
      mtimeMs,
      partSize,
      createdAt: checkpoint.createdAt,
      parts: new Map(),
    });
  }

  addCheckpointPart(folderId: string, relativePath: string, part: CheckpointPart): void {
    this.checkOpen();
    const stored = this.checkpoints.get(keyOf(folderId, relativePath));
    if (!stored) {
      throw new SyncError(
        'internal',
        'no-retry',
        `Cannot record part ${part.partNumber} of ${folderId}:${relativePath}: no multipart upload is checkpointed for it.`,
        { hint: 'The upload was restarted or abandoned meanwhile; it will start over.' },
      );
    }
    stored.parts.set(part.partNumber, { ...part });
  }

  deleteCheckpoint(folderId: string, relativePath: string): void {
    this.checkOpen();
    this.checkpoints.delete(keyOf(folderId, relativePath));
  }

  listCheckpoints(): MultipartCheckpoint[] {
    this.checkOpen();
    return [...this.checkpoints.values()].map(toCheckpoint);
  }

  addHistory(entry: HistoryEntry): void {
    this.checkOpen();
    this.history.push({ entry: { ...entry }, sequence: this.sequence++ });
    if (this.history.length >= HISTORY_KEEP + PRUNE_EVERY) {
      this.history = newestFirst(this.history).slice(0, HISTORY_KEEP);
    }
  }

  recentHistory(limit: number): HistoryEntry[] {
    this.checkOpen();
    return newestFirst(this.history)
      .slice(0, limit)
      .map(({ entry }) => ({ ...entry }));
  }

  transferRowId(key: TransferRowKey): number {
    this.checkOpen();
    const found = this.transferRows.get(rowKeyOf(key));
    if (found) return found.id;
    const id = ++this.lastRowId;
    this.transferRows.set(rowKeyOf(key), { id, record: null });
    return id;
  }

  putTransferRow(row: TransferRowRecord): void {
    this.checkOpen();
    this.transferRows.set(rowKeyOf(row), { id: row.id, record: { ...row } });
    this.lastRowId = Math.max(this.lastRowId, row.id);
  }

  listTransferRows(): TransferRowRecord[] {
    this.checkOpen();
    const records = [...this.transferRows.values()]
      .map(({ record }) => record)
      .filter((record): record is TransferRowRecord => record !== null)
      .sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
    const kept = new Map<string, number>();
    return records
      .filter((record) => {
        if (record.state === 'failed') return true;
        const count = (kept.get(record.folderId) ?? 0) + 1;
        kept.set(record.folderId, count);
        return count <= TRANSFER_ROWS_KEPT;
      })
      .reverse()
      .map((record) => ({ ...record }));
  }

  close(): void {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new SyncError('journal-failed', 'fatal', 'The journal (in memory) is closed.', {
        hint: 'This is a bug in Ferry: the journal was used after shutdown. Please report it.',
      });
    }
  }
}

function rowKeyOf(key: TransferRowKey): string {
  return `${key.folderId}\0${key.origin}\0${key.rowKey}`;
}

function keyOf(folderId: string, relativePath: string): string {
  return `${folderId}\0${relativePath}`;
}

function toCheckpoint(stored: StoredCheckpoint): MultipartCheckpoint {
  return {
    ...stored,
    parts: [...stored.parts.values()]
      .sort((a, b) => a.partNumber - b.partNumber)
      .map((part) => ({ ...part })),
  };
}

/** By time, newest first; entries with the same time in reverse insertion order (as SQLite). */
function newestFirst<T extends { entry: HistoryEntry; sequence: number }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => b.entry.time - a.entry.time || b.sequence - a.sequence);
}
