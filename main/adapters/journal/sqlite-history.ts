import type Database from 'better-sqlite3';

import type { HistoryEntry } from '../../../app/ports/journal.js';
import { pickFields } from './row-binding.js';

/** How many history rows are kept: the newest ones (by time). */
export const HISTORY_KEEP = 10_000;

/** Pruning runs once per this many inserts (and once at open), so the table holds at most
 * HISTORY_KEEP + PRUNE_EVERY - 1 rows and an insert stays one cheap statement. */
const PRUNE_EVERY = 500;

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

/** The history table of the SqliteJournal: what was uploaded or deleted, newest kept. */
export class SqliteHistory {
  private inserts = 0;
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      add: db.prepare<HistoryEntry>(
        `INSERT INTO history (time, folder_id, relative_path, action, result, bytes, duration_ms, error)
         VALUES (@time, @folderId, @relativePath, @action, @result, @bytes, @durationMs, @error)`,
      ),
      recent: db.prepare<[number], HistoryRow>(
        'SELECT * FROM history ORDER BY time DESC, id DESC LIMIT ?',
      ),
      prune: db.prepare<[number]>(
        `DELETE FROM history WHERE id IN
           (SELECT id FROM history ORDER BY time DESC, id DESC LIMIT -1 OFFSET ?)`,
      ),
    };
  }

  /** Drops all but the newest HISTORY_KEEP entries. */
  prune(): void {
    this.sql.prune.run(HISTORY_KEEP);
  }

  /** Appends the entry; only the newest HISTORY_KEEP entries (by time) are kept. */
  add(entry: HistoryEntry): void {
    this.sql.add.run(pickFields(entry, HISTORY_FIELDS));
    this.inserts++;
    if (this.inserts % PRUNE_EVERY === 0) this.prune();
  }

  recent(limit: number): HistoryEntry[] {
    return this.sql.recent.all(limit).map(toHistoryEntry);
  }
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
