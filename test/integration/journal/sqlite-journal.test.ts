import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { FileRecord, HistoryEntry, MultipartCheckpoint } from '../../../app/ports/journal.js';
import {
  openSqliteJournal,
  type SqliteJournal,
} from '../../../main/adapters/journal/sqlite-journal.js';
import {
  openJournalDatabase,
  PAGE_CACHE_KIB,
} from '../../../main/adapters/journal/journal-connection.js';
import { SUMMARY_PAGE_ROWS } from '../../../main/adapters/journal/sqlite-file-records.js';
import { describeJournalContract, fileRecord } from '../../contracts/journal-contract.js';
import { buildOnce, repoRoot } from '../../support/build-once.js';

const run = promisify(execFile);
const compiledAdapter = join(repoRoot, 'out/main/adapters/journal/sqlite-journal.js');

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-journal-'));
  tempDirs.push(dir);
  return dir;
}

describeJournalContract('SqliteJournal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-journal-contract-'));
  return {
    journal: openSqliteJournal(join(dir, 'state', 'journal.db')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

/** Runs an ES module script in a separate `node` process; resolves with its stdout. */
async function runNode(script: string): Promise<string> {
  const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: repoRoot });
  return stdout;
}

/** Thrown error as a plain object (what a caller sees). */
function thrown(operation: () => unknown): Record<string, unknown> {
  try {
    operation();
  } catch (error) {
    return { ...(error as object), message: (error as Error).message };
  }
  throw new Error('expected the operation to throw');
}

describe('SqliteJournal on disk', () => {
  const open: SqliteJournal[] = [];
  function openJournal(path: string, options?: { busyTimeoutMs?: number }): SqliteJournal {
    const journal = openSqliteJournal(path, options);
    open.push(journal);
    return journal;
  }

  afterEach(() => {
    for (const journal of open.splice(0)) journal.close();
    for (const dir of tempDirs.splice(0)) {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams summaries page by page: each once, in byte order of the path (issue 15)', () => {
    const journal = openJournal(join(tempDir(), 'journal.db'));
    // Names whose UTF-16 and walk orders differ from byte order, spread over several pages.
    const names = ['a', 'a/b', 'a-b', 'a.b', 'caf\u00e9', 'cafe\u0301', '\u{1F600}', '\uFF61', 'Z'];
    const paths = Array.from(
      { length: 2 * SUMMARY_PAGE_ROWS + 5 },
      (_, i) => `${names[i % names.length] ?? ''}/${i}`,
    );
    for (const [i, relativePath] of paths.entries()) {
      journal.putFile(fileRecord({ relativePath, size: i, remoteKey: `p/${relativePath}` }));
    }
    journal.putFile(fileRecord({ folderId: 'other', relativePath: 'a/0' }));
    const seen: string[] = [];
    journal.forEachFileSummary('photos', (summary) => {
      seen.push(summary.relativePath);
      expect(summary.remoteKey).toBe(`p/${summary.relativePath}`);
      // visit may read the journal between rows.
      expect(journal.getFile('photos', summary.relativePath)?.size).toBe(summary.size);
    });
    const byteOrder = [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(seen).toEqual(byteOrder);
  });

  it('keeps everything across close and reopen', () => {
    const path = join(tempDir(), 'journal.db');
    const record = fileRecord({ relativePath: 'cafe\u0301 "1".txt', mtimeMs: 1732280000123.456 });
    const checkpoint: Omit<MultipartCheckpoint, 'parts'> = {
      folderId: 'videos',
      relativePath: 'big.mp4',
      bucket: 'b',
      remoteKey: 'k/big.mp4',
      uploadId: 'u-1',
      size: 3 * 2 ** 30,
      mtimeMs: 1.5,
      partSize: 2 ** 24,
      createdAt: 10,
    };
    const part = { partNumber: 2, etag: 'e2', size: 2 ** 24, md5: 'm2' };
    const ossPart = {
      partNumber: 3,
      etag: 'e3',
      size: 5,
      md5: 'm3',
      crc64: '18446744073709551615',
    };
    const entry: HistoryEntry = {
      time: 5,
      folderId: 'photos',
      relativePath: 'x',
      action: 'upload',
      result: 'failed',
      bytes: 0,
      durationMs: 3,
      error: 'boom',
    };

    const first = openSqliteJournal(path);
    first.putFile(record);
    first.startCheckpoint(checkpoint);
    first.addCheckpointPart('videos', 'big.mp4', part);
    first.addCheckpointPart('videos', 'big.mp4', ossPart);
    first.addHistory(entry);
    first.close();

    const second = openJournal(path);
    expect(second.getFile(record.folderId, record.relativePath)).toStrictEqual(record);
    expect(second.listCheckpoints()).toStrictEqual([{ ...checkpoint, parts: [part, ossPart] }]);
    expect(second.recentHistory(10)).toStrictEqual([entry]);
  });

  it('creates its directory private to the user, in WAL mode, at schema version 3', () => {
    const dir = tempDir();
    const path = join(dir, 'state', 'nested', 'journal.db');
    openJournal(path);

    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'state', 'nested')).mode & 0o777).toBe(0o700);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      const tables = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all()
        .map((row) => row.name);
      expect(tables).toEqual([
        'checkpoint_parts',
        'checkpoints',
        'files',
        'history',
        'transfer_rows',
      ]);
    } finally {
      db.close();
    }
  });

  it("keeps SQLite's page cache to 2,000 KiB, not better-sqlite3's 16 MB (issue 15: memory)", () => {
    const db = openJournalDatabase(join(tempDir(), 'journal.db'));
    try {
      expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
      expect(PAGE_CACHE_KIB).toBe(2_000);
    } finally {
      db.close();
    }
  });

  it('migrates a version-1 journal: its checkpoint parts stay, without a CRC-64, and new ones keep theirs', () => {
    const path = join(tempDir(), 'journal.db');
    const v1 = new Database(path);
    v1.exec(`
      CREATE TABLE checkpoints (folder_id TEXT NOT NULL, relative_path TEXT NOT NULL,
        bucket TEXT NOT NULL, remote_key TEXT NOT NULL, upload_id TEXT NOT NULL,
        size INTEGER NOT NULL, mtime_ms REAL NOT NULL, part_size INTEGER NOT NULL,
        created_at REAL NOT NULL, PRIMARY KEY (folder_id, relative_path)) WITHOUT ROWID;
      CREATE TABLE checkpoint_parts (folder_id TEXT NOT NULL, relative_path TEXT NOT NULL,
        part_number INTEGER NOT NULL, etag TEXT NOT NULL, size INTEGER NOT NULL,
        md5 TEXT NOT NULL, PRIMARY KEY (folder_id, relative_path, part_number),
        FOREIGN KEY (folder_id, relative_path) REFERENCES checkpoints (folder_id, relative_path)
          ON DELETE CASCADE) WITHOUT ROWID;
      CREATE TABLE files (folder_id TEXT NOT NULL, relative_path TEXT NOT NULL,
        size INTEGER NOT NULL, mtime_ms REAL NOT NULL, md5 TEXT, remote_key TEXT NOT NULL,
        etag TEXT, state TEXT NOT NULL, last_error TEXT, updated_at REAL NOT NULL,
        PRIMARY KEY (folder_id, relative_path)) WITHOUT ROWID;
      CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, time REAL NOT NULL,
        folder_id TEXT NOT NULL, relative_path TEXT NOT NULL, action TEXT NOT NULL,
        result TEXT NOT NULL, bytes INTEGER NOT NULL, duration_ms REAL NOT NULL, error TEXT);
      INSERT INTO checkpoints VALUES ('v', 'big', 'b', 'k', 'u-1', 20, 1, 10, 1);
      INSERT INTO checkpoint_parts VALUES ('v', 'big', 1, 'e1', 10, 'm1');
      PRAGMA user_version = 1;
    `);
    v1.close();
    const journal = openJournal(path);
    journal.addCheckpointPart('v', 'big', {
      partNumber: 2,
      etag: 'e2',
      size: 10,
      md5: 'm2',
      crc64: '42',
    });
    expect(journal.getCheckpoint('v', 'big')?.parts).toStrictEqual([
      { partNumber: 1, etag: 'e1', size: 10, md5: 'm1' },
      { partNumber: 2, etag: 'e2', size: 10, md5: 'm2', crc64: '42' },
    ]);
  });

  it('keeps transfer rows and their ids across a reopen (an engine restart), never reusing an id', () => {
    const path = join(tempDir(), 'journal.db');
    const first = openSqliteJournal(path);
    const key = { folderId: 'f', origin: 'sync' as const, rowKey: 'a.txt' };
    const id = first.transferRowId(key);
    const gone = first.transferRowId({ ...key, rowKey: 'never-finished' });
    const row = { ...key, id, state: 'failed', updatedAt: 3, data: '{"x":1}' };
    first.putTransferRow(row);
    first.close();
    const second = openSqliteJournal(path);
    expect(second.listTransferRows()).toStrictEqual([row]);
    expect(second.transferRowId(key)).toBe(id);
    expect(second.transferRowId({ ...key, rowKey: 'new' })).toBeGreaterThan(gone);
    second.close();
  });

  it('reopens an existing journal without migrating it again', () => {
    const path = join(tempDir(), 'journal.db');
    openSqliteJournal(path).close();
    const journal = openJournal(path);
    journal.putFile(fileRecord());
    expect(journal.listFiles('photos')).toHaveLength(1);
  });

  it('refuses a journal written by a newer Ferry, leaving it untouched', () => {
    const path = join(tempDir(), 'journal.db');
    openSqliteJournal(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();

    expect(thrown(() => openSqliteJournal(path))).toMatchObject({
      code: 'journal-failed',
      disposition: 'fatal',
      message: expect.stringContaining(path),
      hint: expect.stringContaining('newer Ferry'),
    });
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });

  it('fails with move-aside advice, naming the file, when the file is not a database', () => {
    const path = join(tempDir(), 'journal.db');
    const garbage = Buffer.from('this is not a database, just some text. '.repeat(200));
    writeFileSync(path, garbage);

    expect(thrown(() => openSqliteJournal(path))).toMatchObject({
      name: 'SyncError',
      code: 'journal-failed',
      disposition: 'fatal',
      message: expect.stringContaining(path),
      hint: expect.stringMatching(/move it aside .*rebuild it by re-checking files/),
    });
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('fails with permission advice when stateDir is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state'), 'a file where a directory should be');
    const path = join(dir, 'state', 'journal.db');

    expect(thrown(() => openSqliteJournal(path))).toMatchObject({
      code: 'journal-failed',
      message: expect.stringContaining(path),
      hint: expect.stringContaining('writable by the user running Ferry'),
    });
  });

  it.skipIf(process.getuid?.() === 0)(
    'fails with permission advice when stateDir is read-only',
    () => {
      const dir = tempDir();
      chmodSync(dir, 0o500);
      const path = join(dir, 'journal.db');

      expect(thrown(() => openSqliteJournal(path))).toMatchObject({
        code: 'journal-failed',
        message: expect.stringContaining(path),
        hint: expect.stringContaining('writable by the user running Ferry'),
      });
    },
  );

  describe('with another process holding the write lock', () => {
    beforeAll(compileAdapter, 180_000);

    it('a second process fails at open with a clear error instead of waiting forever', async () => {
      const path = join(tempDir(), 'journal.db');
      openSqliteJournal(path).close();
      const holder = new Database(path);
      holder.exec('BEGIN IMMEDIATE');
      try {
        const stdout = await runNode(`
          const { openSqliteJournal } = await import(${JSON.stringify(compiledAdapter)});
          const started = Date.now();
          try { openSqliteJournal(${JSON.stringify(path)}, { busyTimeoutMs: 200 }); console.log('{"opened":true}'); }
          catch (e) { console.log(JSON.stringify({ code: e.code, disposition: e.disposition, message: e.message, hint: e.hint, ms: Date.now() - started })); }`);
        const error = JSON.parse(stdout) as Record<string, unknown>;
        expect(error).toMatchObject({
          code: 'journal-failed',
          disposition: 'fatal',
          message: expect.stringMatching(/SQLITE_BUSY/),
          hint: expect.stringContaining('Another Ferry process is using the same stateDir'),
        });
        expect(error.message).toContain(path);
        expect(error.ms).toBeLessThan(5_000); // waited the 200 ms asked for, not the default
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
    });

    it('a write that cannot get the lock fails clearly, and works once the lock is free', () => {
      const path = join(tempDir(), 'journal.db');
      const journal = openJournal(path, { busyTimeoutMs: 100 });
      const holder = new Database(path);
      holder.exec('BEGIN IMMEDIATE');
      try {
        expect(thrown(() => journal.putFile(fileRecord()))).toMatchObject({
          code: 'journal-failed',
          hint: expect.stringContaining('Another Ferry process'),
        });
        // WAL: reading is never blocked by a writer.
        expect(journal.listFiles('photos')).toEqual([]);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      journal.putFile(fileRecord());
      expect(journal.getFile('photos', '2024/beach.jpg')).toStrictEqual(fileRecord());
    });
  });

  describe('crash safety', () => {
    beforeAll(compileAdapter, 180_000);

    it('after SIGKILL mid-write, reopens with every record complete and consistent', async () => {
      const path = join(tempDir(), 'journal.db');
      const child = spawn(
        'node',
        ['--input-type=module', '-e', crashWriterScript(compiledAdapter, path)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
      });
      // Kill at an arbitrary instant of the loop, not right after the "ready" line.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 200));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const raw = new Database(path);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const journal = openJournal(path);
      const files = journal.listFiles('crash');
      const numbered = files.filter((r) => r.relativePath !== 'counter');
      const written = numbered.length;
      expect(written).toBeGreaterThan(1000);
      // Every record is whole and the committed ones form an unbroken prefix of the loop.
      expect(numbered.map((r) => indexOf(r)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: written }, (_, i) => i),
      );
      for (const record of numbered) expect(record).toStrictEqual(expectedFile(indexOf(record)));

      // The record replaced on every iteration is the old one or the new one, never a mix.
      const counter = journal.getFile('crash', 'counter');
      expect(counter).toBeDefined();
      const last = counter?.size ?? -1;
      expect([written - 1, written - 2]).toContain(last);
      expect(counter).toStrictEqual({ ...expectedFile(last), relativePath: 'counter' });

      // The checkpoint restarted every 50 iterations holds only parts of its own upload.
      const [checkpoint] = journal.listCheckpoints();
      expect(checkpoint).toBeDefined();
      const start = Number(checkpoint?.uploadId.slice(2));
      expect(start % 50).toBe(0);
      expect(checkpoint?.size).toBe(start);
      expect(checkpoint?.parts.map((p) => p.partNumber)).toEqual(
        Array.from({ length: checkpoint?.parts.length ?? 0 }, (_, i) => i + 1),
      );
      for (const p of checkpoint?.parts ?? []) {
        expect(p).toStrictEqual({
          partNumber: p.partNumber,
          etag: `u-${start}-p${p.partNumber}`,
          size: start + p.partNumber,
          md5: `md5-${start}-${p.partNumber}`,
        });
      }

      // History is an unbroken run ending at the last iteration that reached it.
      const times = journal.recentHistory(100).map((e) => e.time);
      expect([written - 1, written - 2]).toContain(times[0]);
      expect(times).toEqual(Array.from({ length: 100 }, (_, i) => (times[0] ?? 0) - i));

      // And the journal is writable again.
      journal.putFile(fileRecord({ folderId: 'crash', relativePath: 'after' }));
      expect(journal.getFile('crash', 'after')).toBeDefined();
    });
  });

  describe('per-file writes of a burst share one transaction', () => {
    const otherConnection = (path: string) => {
      const reader = new Database(path, { readonly: true });
      return {
        count: () => (reader.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n,
        close: () => reader.close(),
      };
    };

    it('commits them after the delay; a checkpoint write commits them first, in order', async () => {
      const path = join(tempDir(), 'journal.db');
      const journal = openSqliteJournal(path, { writeBatch: { delayMs: 200, maxWrites: 1_000 } });
      open.push(journal);
      const reader = otherConnection(path);
      try {
        journal.putFile(fileRecord({ relativePath: 'a' }));
        journal.putFile(fileRecord({ relativePath: 'b' }));
        expect(journal.getFile('photos', 'b')).toBeDefined(); // its own writes: seen at once
        expect(reader.count()).toBe(0); // not committed yet
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(reader.count()).toBe(2);

        journal.putFile(fileRecord({ relativePath: 'c' }));
        expect(reader.count()).toBe(2);
        journal.startCheckpoint({
          folderId: 'videos',
          relativePath: 'big.mp4',
          bucket: 'b',
          remoteKey: 'k/big.mp4',
          uploadId: 'u-1',
          size: 2 ** 30,
          mtimeMs: 1.5,
          partSize: 2 ** 24,
          createdAt: 10,
        });
        expect(reader.count()).toBe(3); // committed before the checkpoint, which is durable
      } finally {
        reader.close();
      }
    });

    it('close() commits what the batch holds', () => {
      const path = join(tempDir(), 'journal.db');
      const journal = openSqliteJournal(path, {
        writeBatch: { delayMs: 60_000, maxWrites: 1_000 },
      });
      journal.putFile(fileRecord());
      journal.addHistory({
        time: 1,
        folderId: 'photos',
        relativePath: 'x',
        action: 'upload',
        result: 'ok',
        bytes: 1,
        durationMs: 1,
        error: null,
      });
      journal.close();
      const reopened = openJournal(path);
      expect(reopened.getFile('photos', '2024/beach.jpg')).toStrictEqual(fileRecord());
      expect(reopened.recentHistory(5)).toHaveLength(1);
    });
  });

  it('lists 20,000 records of a folder', () => {
    const journal = openJournal(join(tempDir(), 'journal.db'));
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      journal.putFile(fileRecord({ relativePath: `dir-${i % 100}/file-${i}.bin`, size: i }));
    }
    journal.putFile(fileRecord({ folderId: 'other', relativePath: 'x' }));

    const files = journal.listFiles('photos');
    expect(files).toHaveLength(count);
    const sizes = files.map((r) => r.size).sort((a, b) => a - b);
    expect(sizes).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(files.every((r) => r.relativePath === `dir-${r.size % 100}/file-${r.size}.bin`)).toBe(
      true,
    );
  });
});

/**
 * The child runs the compiled adapter. tsc exits non-zero when any file of the project has a type
 * error (others may be mid-edit); it still emits, so only a missing or stale output is fatal here.
 */
async function compileAdapter(): Promise<void> {
  await buildOnce().catch(() => undefined);
  const source = join(repoRoot, 'main/adapters/journal/sqlite-journal.ts');
  expect(statSync(compiledAdapter).mtimeMs).toBeGreaterThanOrEqual(statSync(source).mtimeMs);
}

/** What the crash writer puts for iteration i: every field derived from i. */
function expectedFile(i: number): FileRecord {
  return {
    folderId: 'crash',
    relativePath: `file-${i}`,
    size: i,
    mtimeMs: i + 0.5,
    md5: `md5-${i}`,
    remoteKey: `remote/file-${i}`,
    etag: `etag-${i}`,
    state: i % 7 === 0 ? 'failed' : 'synced',
    lastError: i % 7 === 0 ? `error ${i}` : null,
    updatedAt: 1_700_000_000_000 + i,
  };
}

function indexOf(record: FileRecord): number {
  return Number(record.relativePath.slice('file-'.length));
}

/**
 * A child that writes forever through the real adapter: per iteration a new record, a replaced
 * "counter" record, a checkpoint part (the checkpoint restarts every 50 iterations), a history
 * entry. It prints "ready" once enough is written to make the check meaningful.
 */
function crashWriterScript(adapter: string, path: string): string {
  return `
    const { openSqliteJournal } = await import(${JSON.stringify(adapter)});
    // The same record as expectedFile() in the test (kept in plain JS: this runs outside vitest).
    const expected = (i) => ({ folderId: 'crash', relativePath: 'file-' + i, size: i,
      mtimeMs: i + 0.5, md5: 'md5-' + i, remoteKey: 'remote/file-' + i, etag: 'etag-' + i,
      state: i % 7 === 0 ? 'failed' : 'synced', lastError: i % 7 === 0 ? 'error ' + i : null,
      updatedAt: 1700000000000 + i });
    const journal = openSqliteJournal(${JSON.stringify(path)});
    for (let i = 0; ; i++) {
      journal.putFile(expected(i));
      journal.putFile({ ...expected(i), relativePath: 'counter' });
      const start = i - (i % 50);
      if (i % 50 === 0) {
        journal.startCheckpoint({ folderId: 'crash', relativePath: 'big', bucket: 'b',
          remoteKey: 'remote/big', uploadId: 'u-' + start, size: start, mtimeMs: 1, partSize: 5,
          createdAt: i });
      }
      const partNumber = (i % 50) + 1;
      journal.addCheckpointPart('crash', 'big', { partNumber, etag: 'u-' + start + '-p' + partNumber,
        size: start + partNumber, md5: 'md5-' + start + '-' + partNumber });
      journal.addHistory({ time: i, folderId: 'crash', relativePath: 'file-' + i, action: 'upload',
        result: 'ok', bytes: i, durationMs: 1, error: null });
      if (i === 2000) process.stdout.write('ready\\n');
    }`;
}
