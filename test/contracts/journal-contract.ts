import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type {
  CheckpointPart,
  FileRecord,
  FileSummary,
  HistoryEntry,
  Journal,
  MultipartCheckpoint,
  TransferRowRecord,
} from '../../app/ports/journal.js';
import { TRANSFER_ROWS_KEPT } from '../../app/ports/journal.js';

/** Both journals keep the newest 10,000 history entries and prune in batches of at most 500. */
const HISTORY_KEEP = 10_000;
const PRUNE_SLACK = 500;

export function fileRecord(overrides: Partial<FileRecord> = {}): FileRecord {
  return {
    folderId: 'photos',
    relativePath: '2024/beach.jpg',
    size: 1_234_567,
    mtimeMs: 1732280000123.456,
    md5: '9e107d9d372bb6826bd81d3542a419d6',
    remoteKey: 'backup/photos/2024/beach.jpg',
    etag: '9e107d9d372bb6826bd81d3542a419d6',
    state: 'synced',
    lastError: null,
    updatedAt: 1732280001000,
    ...overrides,
  };
}

function checkpoint(
  overrides: Partial<Omit<MultipartCheckpoint, 'parts'>> = {},
): Omit<MultipartCheckpoint, 'parts'> {
  return {
    folderId: 'videos',
    relativePath: 'holiday/day 1.mp4',
    bucket: 'ferry-bucket',
    remoteKey: 'backup/videos/holiday/day 1.mp4',
    uploadId: 'upload-1',
    size: 5 * 2 ** 30,
    mtimeMs: 1732280000999.25,
    partSize: 16 * 2 ** 20,
    createdAt: 1732280002000,
    ...overrides,
  };
}

function part(partNumber: number, etag = `etag-${partNumber}`): CheckpointPart {
  return { partNumber, etag, size: 16 * 2 ** 20, md5: `md5-of-part-${partNumber}` };
}

function history(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    time: 1732280003000,
    folderId: 'photos',
    relativePath: '2024/beach.jpg',
    action: 'upload',
    result: 'ok',
    bytes: 1_234_567,
    durationMs: 812.5,
    error: null,
    ...overrides,
  };
}

const byPath = (a: { relativePath: string }, b: { relativePath: string }) =>
  a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0;

const byKey = (a: MultipartCheckpoint, b: MultipartCheckpoint) =>
  a.folderId < b.folderId ? -1 : a.folderId > b.folderId ? 1 : byPath(a, b);

/** Mutable view of a readonly record, to prove that changing it cannot reach the journal. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The Journal port's contract, run against every implementation (the in-memory fake in the unit
 * tier, SQLite in the integration tier). `open` gives a fresh, empty journal per test.
 */
export function describeJournalContract(
  name: string,
  open: () => { journal: Journal; cleanup?: () => void },
): void {
  describe(`Journal contract: ${name}`, () => {
    let journal: Journal;
    let cleanup: (() => void) | undefined;

    beforeEach(() => {
      ({ journal, cleanup } = open());
    });

    afterEach(() => {
      journal.close();
      cleanup?.();
    });

    describe('file records', () => {
      it('has no record for a file never put', () => {
        expect(journal.getFile('photos', 'missing.jpg')).toBeUndefined();
        expect(journal.listFiles('photos')).toEqual([]);
      });

      it.each([
        ['a synced single-PUT file', fileRecord()],
        [
          'a failed file (null md5, etag; an error text)',
          fileRecord({
            md5: null,
            etag: null,
            state: 'failed',
            lastError: 'AccessDenied: not allowed',
          }),
        ],
        [
          'a multipart file (null md5, multipart etag)',
          fileRecord({ md5: null, etag: 'abc123-42' }),
        ],
        ['an empty file', fileRecord({ size: 0, mtimeMs: 0 })],
        ['a 5 TiB file', fileRecord({ size: 5 * 2 ** 40 })],
        ['an mtime with a fraction', fileRecord({ mtimeMs: 1732280000123.456 })],
        ['an mtime with a tiny fraction', fileRecord({ mtimeMs: 1732280000123.0002 })],
        ['an integral mtime', fileRecord({ mtimeMs: 1732280000123 })],
        ['a time before 1970', fileRecord({ mtimeMs: -86_400_000.5, updatedAt: 1 })],
      ])('round-trips every field exactly: %s', (_, record) => {
        journal.putFile(record);
        expect(journal.getFile(record.folderId, record.relativePath)).toStrictEqual(record);
        expect(journal.listFiles(record.folderId)).toStrictEqual([record]);
      });

      it('replaces the record of the same folder and path', () => {
        journal.putFile(fileRecord({ state: 'failed', etag: null, lastError: 'timeout' }));
        const replacement = fileRecord({
          size: 99,
          mtimeMs: 1732290000000.5,
          etag: 'new',
          updatedAt: 2,
        });
        journal.putFile(replacement);
        expect(journal.getFile('photos', '2024/beach.jpg')).toStrictEqual(replacement);
        expect(journal.listFiles('photos')).toStrictEqual([replacement]);
      });

      it('deletes a record, and deleting a missing one is a no-op', () => {
        journal.putFile(fileRecord());
        journal.putFile(fileRecord({ relativePath: 'kept.jpg' }));
        journal.deleteFile('photos', '2024/beach.jpg');
        journal.deleteFile('photos', '2024/beach.jpg');
        journal.deleteFile('photos', 'never-existed.jpg');
        expect(journal.getFile('photos', '2024/beach.jpg')).toBeUndefined();
        expect(journal.listFiles('photos').map((r) => r.relativePath)).toEqual(['kept.jpg']);
      });

      it('keeps Unicode NFC and NFD spellings of a name as two files', () => {
        const nfc = 'caf\u00e9/r\u00e9sum\u00e9.txt';
        const nfd = 'cafe\u0301/re\u0301sume\u0301.txt';
        expect(nfc.normalize('NFD')).toBe(nfd); // the same name to a human, not to the disk
        journal.putFile(fileRecord({ relativePath: nfc, size: 1 }));
        journal.putFile(fileRecord({ relativePath: nfd, size: 2 }));
        expect(journal.getFile('photos', nfc)?.size).toBe(1);
        expect(journal.getFile('photos', nfd)?.size).toBe(2);
        expect(
          journal
            .listFiles('photos')
            .map((r) => r.relativePath)
            .sort(),
        ).toEqual([nfc, nfd].sort());
        journal.deleteFile('photos', nfd);
        expect(journal.listFiles('photos').map((r) => r.relativePath)).toEqual([nfc]);
      });

      it.each([
        'name with spaces.txt',
        '  leading and trailing  ',
        `it's "quoted".txt`,
        'back\\slash and 100% _under_score',
        "'; DROP TABLE files; --",
        'emoji 📷/日本語/ファイル.jpg',
        'deep/er/and/deeper/still/file',
        '-dash.txt',
        'a'.repeat(1000),
      ])('stores the path %j exactly', (relativePath) => {
        const record = fileRecord({ relativePath, remoteKey: `backup/photos/${relativePath}` });
        journal.putFile(record);
        expect(journal.getFile('photos', relativePath)).toStrictEqual(record);
        expect(journal.listFiles('photos')).toStrictEqual([record]);
      });

      it('scopes records to their folder', () => {
        journal.putFile(fileRecord({ folderId: 'a', relativePath: 'same.txt', size: 1 }));
        journal.putFile(fileRecord({ folderId: 'a', relativePath: 'only-a.txt' }));
        journal.putFile(fileRecord({ folderId: 'b', relativePath: 'same.txt', size: 2 }));
        journal.putFile(fileRecord({ folderId: 'ab', relativePath: 'prefix.txt' }));

        expect(
          journal
            .listFiles('a')
            .map((r) => r.relativePath)
            .sort(),
        ).toEqual(['only-a.txt', 'same.txt']);
        expect(journal.listFiles('b').map((r) => [r.relativePath, r.size])).toEqual([
          ['same.txt', 2],
        ]);
        expect(journal.listFiles('A')).toEqual([]);
        expect(journal.listFiles('none')).toEqual([]);

        journal.deleteFile('a', 'same.txt');
        expect(journal.getFile('b', 'same.txt')?.size).toBe(2);
      });

      it("streams a folder's summaries: exactly the compared columns of each record, once", () => {
        const failed = fileRecord({
          relativePath: 'b/failed.txt',
          md5: null,
          etag: null,
          state: 'failed',
          lastError: 'timeout',
        });
        const synced = fileRecord({ relativePath: 'a/synced.txt', mtimeMs: 1732280000123.0002 });
        journal.putFile(failed);
        journal.putFile(synced);
        journal.putFile(fileRecord({ folderId: 'other', relativePath: 'elsewhere.txt' }));
        const seen: FileSummary[] = [];
        journal.forEachFileSummary('photos', (summary) => seen.push(summary));
        const summary = ({ relativePath, size, mtimeMs, remoteKey, etag, state }: FileRecord) => ({
          relativePath,
          size,
          mtimeMs,
          remoteKey,
          etag,
          state,
        });
        expect(seen.sort((x, y) => x.relativePath.localeCompare(y.relativePath))).toStrictEqual([
          summary(synced),
          summary(failed),
        ]);
        journal.forEachFileSummary('none', () => expect.unreachable('no records in that folder'));
      });

      it('returns copies: changing a returned or passed record changes nothing stored', () => {
        const passed: Mutable<FileRecord> = fileRecord();
        journal.putFile(passed);
        passed.size = -1;
        const got = journal.getFile('photos', '2024/beach.jpg') as Mutable<FileRecord>;
        got.etag = 'tampered';
        const listed = journal.listFiles('photos')[0] as Mutable<FileRecord>;
        listed.state = 'failed';
        expect(journal.getFile('photos', '2024/beach.jpg')).toStrictEqual(fileRecord());
      });
    });

    describe('multipart checkpoints', () => {
      it('has no checkpoint for a file never started', () => {
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')).toBeUndefined();
        expect(journal.listCheckpoints()).toEqual([]);
      });

      it('starts a checkpoint with no parts, every field round-tripping', () => {
        journal.startCheckpoint(checkpoint());
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')).toStrictEqual({
          ...checkpoint(),
          parts: [],
        });
      });

      it('returns parts sorted by part number whatever order they were added in', () => {
        journal.startCheckpoint(checkpoint());
        for (const n of [3, 1, 10, 2]) {
          journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(n));
        }
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')?.parts).toStrictEqual([
          part(1),
          part(2),
          part(3),
          part(10),
        ]);
      });

      it("keeps a part's CRC-64 (OSS) exactly; a part without one comes back without one", () => {
        journal.startCheckpoint(checkpoint());
        const withCrc = { ...part(1), crc64: '18446744073709551615' };
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', withCrc);
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(2));
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')?.parts).toStrictEqual([
          withCrc,
          part(2),
        ]);
        expect(journal.listCheckpoints()[0]?.parts).toStrictEqual([withCrc, part(2)]);
      });

      it('adds a part idempotently: the same part twice is one part, a re-upload replaces it', () => {
        journal.startCheckpoint(checkpoint());
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1));
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(2));
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(2));
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')?.parts).toStrictEqual([
          part(1),
          part(2),
        ]);
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1, 'etag-of-retry'));
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')?.parts).toStrictEqual([
          part(1, 'etag-of-retry'),
          part(2),
        ]);
      });

      it('starting again replaces the checkpoint and drops the old parts', () => {
        journal.startCheckpoint(checkpoint());
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1));
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(2));
        const restarted = checkpoint({ uploadId: 'upload-2', size: 42, mtimeMs: 7.5 });
        journal.startCheckpoint(restarted);
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')).toStrictEqual({
          ...restarted,
          parts: [],
        });
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(5));
        expect(journal.listCheckpoints()).toStrictEqual([{ ...restarted, parts: [part(5)] }]);
      });

      it('deletes a checkpoint with its parts; deleting a missing one is a no-op', () => {
        journal.startCheckpoint(checkpoint());
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1));
        journal.deleteCheckpoint('videos', 'holiday/day 1.mp4');
        journal.deleteCheckpoint('videos', 'holiday/day 1.mp4');
        journal.deleteCheckpoint('videos', 'never-started.mp4');
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')).toBeUndefined();
        expect(journal.listCheckpoints()).toEqual([]);
        // A new upload of the same file must not inherit the deleted one's parts.
        journal.startCheckpoint(checkpoint({ uploadId: 'upload-3' }));
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')?.parts).toEqual([]);
      });

      it('refuses a part for a file with no checkpoint', () => {
        expect(() =>
          journal.addCheckpointPart('videos', 'never-started.mp4', part(1)),
        ).toThrowError(expect.objectContaining({ name: 'SyncError', code: 'internal' }));
        journal.startCheckpoint(checkpoint());
        journal.deleteCheckpoint('videos', 'holiday/day 1.mp4');
        expect(() => journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1))).toThrow(
          /no multipart upload is checkpointed/,
        );
        expect(journal.listCheckpoints()).toEqual([]);
      });

      it('lists every open checkpoint across folders, each with its own parts', () => {
        const a = checkpoint({ folderId: 'a', relativePath: 'same.bin', uploadId: 'ua' });
        const b = checkpoint({ folderId: 'b', relativePath: 'same.bin', uploadId: 'ub' });
        const c = checkpoint({ folderId: 'a', relativePath: 'other.bin', uploadId: 'uc' });
        for (const started of [a, b, c]) journal.startCheckpoint(started);
        journal.addCheckpointPart('a', 'same.bin', part(2));
        journal.addCheckpointPart('b', 'same.bin', part(1, 'b-1'));
        journal.addCheckpointPart('a', 'same.bin', part(1));

        expect(journal.listCheckpoints().sort(byKey)).toStrictEqual([
          { ...c, parts: [] },
          { ...a, parts: [part(1), part(2)] },
          { ...b, parts: [part(1, 'b-1')] },
        ]);
        expect(journal.getCheckpoint('b', 'same.bin')?.parts).toStrictEqual([part(1, 'b-1')]);
      });

      it('keeps NFC and NFD spellings apart', () => {
        const nfc = 'clip-\u00e9.mov';
        const nfd = 'clip-e\u0301.mov';
        journal.startCheckpoint(checkpoint({ relativePath: nfc, uploadId: 'nfc' }));
        journal.startCheckpoint(checkpoint({ relativePath: nfd, uploadId: 'nfd' }));
        journal.addCheckpointPart('videos', nfd, part(1));
        expect(journal.getCheckpoint('videos', nfc)?.parts).toEqual([]);
        expect(journal.getCheckpoint('videos', nfd)?.uploadId).toBe('nfd');
        expect(journal.getCheckpoint('videos', nfd)?.parts).toStrictEqual([part(1)]);
      });

      it('returns copies: changing a returned checkpoint changes nothing stored', () => {
        journal.startCheckpoint(checkpoint());
        journal.addCheckpointPart('videos', 'holiday/day 1.mp4', part(1));
        const got = journal.getCheckpoint('videos', 'holiday/day 1.mp4');
        (got?.parts as CheckpointPart[]).push(part(9));
        (got?.parts[0] as Mutable<CheckpointPart>).etag = 'tampered';
        (journal.listCheckpoints()[0] as Mutable<MultipartCheckpoint>).uploadId = 'tampered';
        expect(journal.getCheckpoint('videos', 'holiday/day 1.mp4')).toStrictEqual({
          ...checkpoint(),
          parts: [part(1)],
        });
      });
    });

    describe('history', () => {
      it('is empty at first', () => {
        expect(journal.recentHistory(10)).toEqual([]);
      });

      it('round-trips every field exactly', () => {
        const entries = [
          history(),
          history({
            time: 1732280004000.5,
            action: 'delete',
            result: 'failed',
            bytes: 0,
            durationMs: 0.25,
            error: 'AccessDenied: "s3:DeleteObject"',
            relativePath: "cafe\u0301 it's.txt",
          }),
        ];
        for (const entry of entries) journal.addHistory(entry);
        expect(journal.recentHistory(10)).toStrictEqual([...entries].reverse());
      });

      it('returns the newest first by time, whatever order they were added in', () => {
        for (const time of [3, 1, 5, 2, 4]) journal.addHistory(history({ time, bytes: time }));
        expect(journal.recentHistory(10).map((e) => e.time)).toEqual([5, 4, 3, 2, 1]);
      });

      it('orders entries with the same time newest-added first', () => {
        for (const bytes of [1, 2, 3]) journal.addHistory(history({ time: 100, bytes }));
        expect(journal.recentHistory(10).map((e) => e.bytes)).toEqual([3, 2, 1]);
      });

      it.each([
        [0, []],
        [1, [5]],
        [3, [5, 4, 3]],
        [5, [5, 4, 3, 2, 1]],
        [50, [5, 4, 3, 2, 1]],
      ])('honours limit %i', (limit, times) => {
        for (const time of [1, 2, 3, 4, 5]) journal.addHistory(history({ time }));
        expect(journal.recentHistory(limit).map((e) => e.time)).toEqual(times);
      });

      it(`keeps the newest ${HISTORY_KEEP} entries and drops older ones`, () => {
        const total = HISTORY_KEEP + PRUNE_SLACK + 100;
        for (let time = 0; time < total; time++) journal.addHistory(history({ time }));
        const kept = journal.recentHistory(total);
        expect(kept.length).toBeGreaterThanOrEqual(HISTORY_KEEP);
        expect(kept.length).toBeLessThan(HISTORY_KEEP + PRUNE_SLACK);
        expect(kept.map((e) => e.time)).toEqual(
          Array.from({ length: kept.length }, (_, i) => total - 1 - i),
        );
      });
    });

    describe('transfer rows (issue 13)', () => {
      const key = { folderId: 'photos', origin: 'sync' as const, rowKey: 'a.jpg' };
      const row = (over: Partial<TransferRowRecord> & { id: number }): TransferRowRecord => ({
        ...key,
        state: 'done',
        updatedAt: 1,
        data: '{"state":"done"}',
        ...over,
      });

      it('hands out one id per (folder, origin, key), the same every time, never reused', () => {
        const a = journal.transferRowId(key);
        expect(journal.transferRowId(key)).toBe(a);
        const drop = journal.transferRowId({ ...key, origin: 'drop' });
        const other = journal.transferRowId({ ...key, folderId: 'docs' });
        expect(new Set([a, drop, other]).size).toBe(3);
        expect(journal.listTransferRows()).toEqual([]); // ids alone are not rows
      });

      it('keeps the last state under its id (a retry replaces the failed row), oldest first', () => {
        const a = journal.transferRowId(key);
        const b = journal.transferRowId({ ...key, rowKey: 'b.jpg' });
        journal.putTransferRow(row({ id: a, state: 'failed', updatedAt: 5, data: 'x' }));
        journal.putTransferRow(row({ id: b, rowKey: 'b.jpg', updatedAt: 7 }));
        journal.putTransferRow(row({ id: a, state: 'done', updatedAt: 9, data: 'y' }));
        expect(journal.listTransferRows()).toEqual([
          row({ id: b, rowKey: 'b.jpg', updatedAt: 7 }),
          row({ id: a, state: 'done', updatedAt: 9, data: 'y' }),
        ]);
        expect(journal.transferRowId(key)).toBe(a);
      });

      it(`lists the newest ${TRANSFER_ROWS_KEPT} finished rows per folder and every failed one`, () => {
        const total = TRANSFER_ROWS_KEPT + 30;
        for (let i = 0; i < total; i++) {
          const rowKey = `f${i}`;
          const id = journal.transferRowId({ ...key, rowKey });
          const failed = i < 5; // the oldest fail: kept however old
          journal.putTransferRow(
            row({ id, rowKey, updatedAt: i, state: failed ? 'failed' : 'done' }),
          );
        }
        const id = journal.transferRowId({ ...key, folderId: 'docs' });
        journal.putTransferRow(row({ id, folderId: 'docs', updatedAt: 0 }));
        const listed = journal.listTransferRows();
        const photos = listed.filter((r) => r.folderId === 'photos');
        expect(photos.filter((r) => r.state === 'failed')).toHaveLength(5);
        expect(photos.filter((r) => r.state === 'done')).toHaveLength(TRANSFER_ROWS_KEPT);
        expect(photos.filter((r) => r.state === 'done')[0]?.rowKey).toBe(
          `f${total - TRANSFER_ROWS_KEPT}`,
        );
        expect(listed.filter((r) => r.folderId === 'docs')).toHaveLength(1);
      });
    });

    describe('close', () => {
      it('refuses calls after close, and closing twice is harmless', () => {
        journal.putFile(fileRecord());
        journal.close();
        journal.close();
        expect(() => journal.getFile('photos', '2024/beach.jpg')).toThrowError(
          expect.objectContaining({ name: 'SyncError', code: 'journal-failed' }),
        );
        expect(() => journal.putFile(fileRecord())).toThrowError(
          expect.objectContaining({ code: 'journal-failed' }),
        );
      });
    });
  });
}
