import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SqliteWriteBatch } from '../../../../../main/adapters/journal/sqlite-write-batch.js';

/** Just enough of a better-sqlite3 connection: BEGIN/COMMIT/ROLLBACK and their state. */
function fakeDb(options: { failCommit?: boolean } = {}) {
  const log: string[] = [];
  const db = {
    open: true,
    inTransaction: false,
    exec(sql: string) {
      log.push(sql);
      if (sql === 'BEGIN') db.inTransaction = true;
      if (sql === 'ROLLBACK') db.inTransaction = false;
      if (sql === 'COMMIT') {
        if (options.failCommit) throw new Error('SQLITE_IOERR: disk I/O error');
        db.inTransaction = false;
      }
    },
  };
  return { db, log, asDatabase: db as unknown as Database.Database };
}

describe('SqliteWriteBatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a burst of writes in one transaction, committed after the delay', () => {
    const { log, asDatabase } = fakeDb();
    const batch = new SqliteWriteBatch(asDatabase, { delayMs: 25, maxWrites: 100 });
    for (let i = 0; i < 10; i++) expect(batch.write(() => i * 2)).toBe(i * 2);
    expect(log).toEqual(['BEGIN']);
    vi.advanceTimersByTime(24);
    expect(log).toEqual(['BEGIN']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['BEGIN', 'COMMIT']);
    batch.write(() => undefined);
    expect(log).toEqual(['BEGIN', 'COMMIT', 'BEGIN']);
  });

  it('commits at once after maxWrites writes, and commit() commits early', () => {
    const { log, asDatabase } = fakeDb();
    const batch = new SqliteWriteBatch(asDatabase, { delayMs: 1_000, maxWrites: 3 });
    for (let i = 0; i < 3; i++) batch.write(() => undefined);
    expect(log).toEqual(['BEGIN', 'COMMIT']);
    batch.write(() => undefined);
    batch.commit();
    expect(log).toEqual(['BEGIN', 'COMMIT', 'BEGIN', 'COMMIT']);
    batch.commit(); // nothing open: nothing to do
    vi.advanceTimersByTime(2_000); // and no late commit from the cleared timer
    expect(log).toHaveLength(4);
  });

  it('forgets a batch that an error rolled back (nothing left to commit)', () => {
    const { db, log, asDatabase } = fakeDb();
    const batch = new SqliteWriteBatch(asDatabase, { delayMs: 25, maxWrites: 100 });
    expect(() =>
      batch.write(() => {
        db.inTransaction = false; // what SQLite does on SQLITE_FULL
        throw new Error('SQLITE_FULL');
      }),
    ).toThrow('SQLITE_FULL');
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['BEGIN']);
  });

  it('a commit that fails in the timer is rolled back and thrown by the next call', () => {
    const { log, asDatabase } = fakeDb({ failCommit: true });
    const batch = new SqliteWriteBatch(asDatabase, { delayMs: 25, maxWrites: 100 });
    batch.write(() => undefined);
    vi.advanceTimersByTime(25); // must not throw out of the timer
    expect(log).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
    expect(() => batch.write(() => undefined)).toThrow('SQLITE_IOERR');
  });
});
