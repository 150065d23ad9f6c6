import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { FileRecord } from '../../../../app/ports/journal.js';
import { FileLedger, recordStatus, type LedgerFolder } from '../../../../app/sync/file-ledger.js';
import { folderKeyMapping } from '../../../../app/sync/key-collisions.js';
import { S3_KEY_RULES } from '../../../../app/sync/object-key.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';

const DOCS: LedgerFolder = { id: 'docs', prefix: 'alice/docs/' };
/** A case-insensitive store (as some S3-compatible ones are): "A" and "a" are one object. */
const PHOTOS: LedgerFolder = {
  id: 'photos',
  prefix: 'alice/photos/',
  keyRules: { ...S3_KEY_RULES, caseInsensitive: true },
};
const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';
const VERSION = { size: 5, mtimeMs: 1_000 };

function setup() {
  const journal = new MemoryJournal();
  const clock = new InstantClock();
  const ledger = new FileLedger(journal, clock, [DOCS, PHOTOS]);
  const synced = (folder: LedgerFolder, relativePath: string, remoteKey: string) =>
    ledger.recordSynced({ folderId: folder.id, relativePath, remoteKey }, VERSION, {
      md5: 'm',
      etag: 'e',
    });
  return { journal, clock, ledger, synced };
}

describe('FileLedger.isCurrent: the one rule for "this version is already uploaded"', () => {
  it('holds for exactly the recorded version under the key the path maps to now', () => {
    const { ledger, synced } = setup();
    synced(DOCS, 'a.txt', 'alice/docs/a.txt');

    expect(ledger.isCurrent('docs', 'a.txt', VERSION)).toBe(true);
    expect(ledger.isCurrent('docs', 'a.txt', { ...VERSION, size: 6 })).toBe(false);
    expect(ledger.isCurrent('docs', 'a.txt', { ...VERSION, mtimeMs: 1_001 })).toBe(false);
    expect(ledger.isCurrent('docs', 'b.txt', VERSION)).toBe(false);
  });

  it('never holds for a failed record, whatever its size and mtime', () => {
    const { ledger, journal } = setup();
    ledger.recordFailed('docs', 'a.txt', VERSION.size, 'the store refused');
    journal.putFile({ ...(journal.getFile('docs', 'a.txt') as FileRecord), mtimeMs: 1_000 });

    expect(ledger.isCurrent('docs', 'a.txt', VERSION)).toBe(false);
  });

  it('does not hold for a record of another prefix (the folder prefix was changed)', () => {
    const { ledger, synced } = setup();
    synced(DOCS, 'a.txt', 'old-prefix/a.txt');

    expect(ledger.isCurrent('docs', 'a.txt', VERSION)).toBe(false);
  });

  it('compares key identities: NFC/NFD alike, and case on a case-insensitive store', () => {
    const { ledger, synced } = setup();
    synced(DOCS, NFD, `alice/docs/${NFC}`);
    synced(PHOTOS, 'Cat.jpg', 'Alice/Photos/cat.JPG');
    synced(DOCS, 'Dog.txt', 'alice/docs/dog.txt');

    expect(ledger.isCurrent('docs', NFD, VERSION)).toBe(true);
    expect(ledger.isCurrent('photos', 'Cat.jpg', VERSION)).toBe(true);
    // Case-sensitive store: "dog.txt" is another object than "Dog.txt" would be.
    expect(ledger.isCurrent('docs', 'Dog.txt', VERSION)).toBe(false);
  });

  it('refuses a folder it was not built with, saying it is a bug', () => {
    const { ledger } = setup();
    let thrown: unknown;
    try {
      ledger.isCurrent('elsewhere', 'a.txt', VERSION);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyncError);
    expect(thrown).toMatchObject({ code: 'internal' });
    expect((thrown as SyncError).hint).toMatch(/bug/);
  });
});

describe('recordStatus (the planner uses it for its upload reasons)', () => {
  const keys = folderKeyMapping(DOCS.prefix);
  const record = (patch: Partial<FileRecord>): FileRecord => ({
    folderId: 'docs',
    relativePath: 'a.txt',
    ...VERSION,
    md5: null,
    remoteKey: 'alice/docs/a.txt',
    etag: 'e',
    state: 'synced',
    lastError: null,
    updatedAt: 0,
    ...patch,
  });

  it('says which of unrecorded, failed, changed or current a version is', () => {
    expect(recordStatus(undefined, 'a.txt', VERSION, keys)).toBe('unrecorded');
    expect(recordStatus(record({ remoteKey: 'x/a.txt' }), 'a.txt', VERSION, keys)).toBe(
      'unrecorded',
    );
    expect(recordStatus(record({ state: 'failed' }), 'a.txt', VERSION, keys)).toBe('failed');
    expect(recordStatus(record({ size: 4 }), 'a.txt', VERSION, keys)).toBe('changed');
    expect(recordStatus(record({}), 'a.txt', VERSION, keys)).toBe('current');
    // Without a key mapping (the planner's callers that pass none) any record is about the path.
    expect(recordStatus(record({ remoteKey: 'x/a.txt' }), 'a.txt', VERSION)).toBe('current');
  });
});

describe('FileLedger writes', () => {
  it('records a synced upload with its key, digest, ETag and time', () => {
    const { ledger, journal, clock } = setup();
    clock.advance(42);
    ledger.recordSynced(
      { folderId: 'docs', relativePath: 'a.txt', remoteKey: 'alice/docs/a.txt' },
      VERSION,
      { md5: 'm5', etag: 'e5' },
    );

    expect(journal.getFile('docs', 'a.txt')).toEqual({
      folderId: 'docs',
      relativePath: 'a.txt',
      size: 5,
      mtimeMs: 1_000,
      md5: 'm5',
      remoteKey: 'alice/docs/a.txt',
      etag: 'e5',
      state: 'synced',
      lastError: null,
      updatedAt: clock.now(),
    });
  });

  it('records an NFD-named file that fails under its NFC key (the key toObjectKey gives)', () => {
    const { ledger, journal } = setup();
    ledger.recordFailed('docs', NFD, 5, 'the store refused');

    const record = journal.getFile('docs', NFD);
    expect(record).toMatchObject({
      relativePath: NFD,
      remoteKey: `alice/docs/${NFC}`,
      state: 'failed',
      etag: null,
      lastError: 'the store refused',
    });
    expect(record?.remoteKey).not.toBe(`alice/docs/${NFD}`);
  });

  it('keeps the key of an earlier record when an upload of the path fails', () => {
    const { ledger, journal, synced } = setup();
    synced(DOCS, 'a.txt', 'old-prefix/a.txt');
    ledger.recordFailed('docs', 'a.txt', 7, 'timeout');

    expect(journal.getFile('docs', 'a.txt')).toMatchObject({
      remoteKey: 'old-prefix/a.txt',
      size: 7,
      state: 'failed',
      etag: null,
    });
  });

  it('records a name no store can hold (it failed for that) under its NFC spelling', () => {
    const { ledger, journal } = setup();
    const name = `${NFD}\n`;
    ledger.recordFailed('docs', name, 1, 'invalid name');

    expect(journal.getFile('docs', name)?.remoteKey).toBe(`alice/docs/${NFC}\n`);
  });

  it('forgets a record, and lists a folder by path for the planner', () => {
    const { ledger, synced } = setup();
    synced(DOCS, 'a.txt', 'alice/docs/a.txt');
    synced(DOCS, 'b.txt', 'alice/docs/b.txt');
    synced(PHOTOS, 'c.jpg', 'alice/photos/c.jpg');
    ledger.forget('docs', 'a.txt');

    expect([...ledger.recordsOf('docs').keys()]).toEqual(['b.txt']);
    expect(ledger.recordOf('docs', 'a.txt')).toBeUndefined();
    expect(ledger.recordOf('photos', 'c.jpg')?.remoteKey).toBe('alice/photos/c.jpg');
  });

  it("streams a folder's summaries for the planner, each time from the journal", () => {
    const { ledger, synced } = setup();
    synced(DOCS, 'a.txt', 'alice/docs/a.txt');
    synced(PHOTOS, 'c.jpg', 'alice/photos/c.jpg');
    const source = ledger.summariesOf('docs');
    const first: string[] = [];
    source.forEach((summary) => first.push(`${summary.relativePath} ${summary.remoteKey}`));
    expect(first).toEqual(['a.txt alice/docs/a.txt']);

    synced(DOCS, 'b.txt', 'alice/docs/b.txt');
    ledger.forget('docs', 'a.txt');
    const again: string[] = [];
    source.forEach((summary) => again.push(summary.relativePath));
    expect(again).toEqual(['b.txt']);
  });
});
