import type Database from 'better-sqlite3';

/*
 * Small-file bursts write four rows per file (record, history, transfer row id and row). Each as
 * its own transaction costs a WAL commit apiece (frames written, -shm updated): with 16 KiB files
 * that was a tenth of the client's CPU. So these writes share one transaction, committed after a
 * short delay or a number of writes, whichever comes first.
 *
 * Why this is safe: callers write a record only after the store confirmed the bytes, so a
 * delayed commit never records anything unconfirmed; a crash inside the delay loses the newest
 * records, and their files are simply uploaded again (the same direction as a crash just before
 * the write). Writes that must be durable before the next remote call (multipart checkpoints)
 * commit the batch first and run on their own (SqliteJournal.run).
 */

export interface WriteBatchOptions {
  /** The longest a batched write waits for its commit. */
  readonly delayMs: number;
  /** A batch commits at once after this many writes (bounds the WAL between checkpoints). */
  readonly maxWrites: number;
}

export const DEFAULT_WRITE_BATCH: WriteBatchOptions = { delayMs: 25, maxWrites: 512 };

export class SqliteWriteBatch {
  private writes = 0;
  /** Whether this batch began the open transaction (a db.transaction() of others never is). */
  private open = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A commit that failed in the timer: thrown by the next journal call (nobody awaits a timer). */
  private failure: Error | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly options: WriteBatchOptions = DEFAULT_WRITE_BATCH,
  ) {}

  /** Runs `write` inside the open batch, opening one (BEGIN) if none is. */
  write<T>(write: () => T): T {
    this.throwFailure();
    if (!this.db.inTransaction) {
      this.db.exec('BEGIN');
      this.open = true;
      this.timer = setTimeout(() => this.commitFromTimer(), this.options.delayMs);
    }
    try {
      return write();
    } finally {
      // Some errors (a full disk) roll the whole transaction back: nothing is left to commit.
      if (!this.db.inTransaction) this.forget();
      else if (++this.writes >= this.options.maxWrites) this.commit();
    }
  }

  /** Commits what the batch holds (nothing happens when it holds nothing). */
  commit(): void {
    this.throwFailure();
    const open = this.open;
    this.forget();
    if (open && this.db.open && this.db.inTransaction) this.db.exec('COMMIT');
  }

  private commitFromTimer(): void {
    try {
      this.commit();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error('the journal commit failed');
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }

  private forget(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.writes = 0;
    this.open = false;
  }

  private throwFailure(): void {
    if (this.failure === undefined) return;
    const failure = this.failure;
    this.failure = undefined;
    throw failure;
  }
}
