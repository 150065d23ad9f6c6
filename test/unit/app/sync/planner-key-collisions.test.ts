import { describe, expect, it } from 'vitest';

import type { FileRecord } from '../../../../app/ports/journal.js';
import type { LocalFile } from '../../../../app/sync/folder-spec.js';
import {
  folderKeyMapping,
  KeyIndex,
  keyCollisionError,
} from '../../../../app/sync/key-collisions.js';
import { S3_KEY_RULES } from '../../../../app/sync/object-key.js';
import { planFolder, type PlanInput } from '../../../../app/sync/planner.js';

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';
const NOW = 1_000_000_000;
const PREFIX = 'p/';
const keys = folderKeyMapping(PREFIX);
const caseless = folderKeyMapping(PREFIX, { ...S3_KEY_RULES, caseInsensitive: true });

const file = (relativePath: string): LocalFile => ({ relativePath, size: 10, mtimeMs: 5 });
/** What an earlier Ferry recorded: the key is always the NFC form. */
const record = (relativePath: string): FileRecord => ({
  folderId: 'f',
  relativePath,
  size: 10,
  mtimeMs: 5,
  md5: 'm',
  remoteKey: `${PREFIX}${relativePath.normalize('NFC')}`,
  etag: 'e1',
  state: 'synced',
  lastError: null,
  updatedAt: 0,
});
const byPath = <T extends { relativePath: string }>(items: T[]) =>
  new Map(items.map((i) => [i.relativePath, i]));

function plan(over: Partial<PlanInput>) {
  return planFolder({
    mode: 'mirror',
    local: new Map(),
    journal: new Map(),
    missingSince: new Map(),
    now: NOW,
    deleteDelayMs: 0,
    massDeleteCount: 20,
    massDeleteFraction: 0.25,
    deletesConfirmed: false,
    keys,
    ...over,
  });
}

describe('planFolder: two local files, one key (issue 11)', () => {
  it.each(['upload', 'mirror'] as const)(
    '%s mode: NFC and NFD spellings of one name are both refused, neither uploaded',
    (mode) => {
      const result = plan({ mode, local: byPath([file(NFC), file(NFD), file('other.txt')]) });
      expect(result.uploads.map((u) => u.relativePath)).toEqual(['other.txt']);
      expect(result.collisions).toEqual([
        { relativePath: NFC, size: 10, others: [NFD] },
        { relativePath: NFD, size: 10, others: [NFC] },
      ]);
    },
  );

  it('both already uploaded by an older Ferry: deleting one never deletes the object the other still maps to', () => {
    const result = plan({
      local: byPath([file(NFC)]),
      journal: byPath([record(NFC), record(NFD)]),
    });
    expect(result.deletes).toEqual([]);
    expect(result.forget).toEqual([NFD]);
  });

  it('a rename from NFC to NFD (a macOS tool rewrote the name) uploads the same key and deletes nothing', () => {
    const result = plan({ local: byPath([file(NFD)]), journal: byPath([record(NFC)]) });
    expect(result.deletes).toEqual([]);
    expect(result.forget).toEqual([NFC]);
    expect(result.uploads.map((u) => [u.relativePath, u.reason])).toEqual([[NFD, 'new']]);
  });

  it('a file really gone is still deleted in mirror mode', () => {
    const result = plan({ local: byPath([file('b.txt')]), journal: byPath([record('a.txt')]) });
    expect(result.deletes).toEqual([{ relativePath: 'a.txt', remoteKey: 'p/a.txt' }]);
  });

  it('case-insensitive store: A.txt and a.txt are one object and both refused', () => {
    const local = byPath([file('A.txt'), file('a.txt')]);
    expect(plan({ local, keys: caseless }).collisions.map((c) => c.relativePath)).toEqual([
      'A.txt',
      'a.txt',
    ]);
    // A case-sensitive store (S3, OSS) keeps them apart.
    expect(plan({ local }).uploads).toHaveLength(2);
  });

  it('case-insensitive store: a case rename forgets the old record instead of deleting the object', () => {
    const result = plan({
      keys: caseless,
      local: byPath([file('Report.pdf')]),
      journal: byPath([record('report.pdf')]),
    });
    expect(result.deletes).toEqual([]);
    expect(result.forget).toEqual(['report.pdf']);
  });

  it('without a key mapping (older callers) NFC/NFD paths still collide', () => {
    const result = planFolder({
      mode: 'upload',
      local: byPath([file(NFC), file(NFD)]),
      journal: new Map(),
      missingSince: new Map(),
      now: NOW,
      deleteDelayMs: 0,
      massDeleteCount: 20,
      massDeleteFraction: 0.25,
      deletesConfirmed: false,
    });
    expect(result.collisions).toHaveLength(2);
    expect(result.uploads).toEqual([]);
  });
});

describe('KeyIndex', () => {
  it('tracks files as they come and go', () => {
    const index = KeyIndex.of(['a.txt', NFC], keys);
    expect(index.othersOf(NFC)).toEqual([]);
    index.add(NFD);
    expect(index.othersOf(NFC)).toEqual([NFD]);
    expect(index.othersOf(NFD)).toEqual([NFC]);
    expect(index.remove(NFD)).toEqual([NFC]);
    expect(index.othersOf(NFC)).toEqual([]);
    expect(index.claimsKey(`p/${NFC}`)).toBe(true);
    expect(index.claimsKey('p/a.txt')).toBe(true);
    expect(index.claimsKey('p/b.txt')).toBe(false);
  });

  it('holds a path added twice once', () => {
    const index = KeyIndex.of([NFC, NFC], keys);
    expect(index.othersOf(NFC)).toEqual([]);
    expect(index.remove(NFC)).toEqual([]);
    expect(index.claimsKey(`p/${NFC}`)).toBe(false);
  });

  it('three spellings on one key: each names the other two; removing one leaves two colliding', () => {
    const index = KeyIndex.of(['A.txt', 'a.txt', 'a.TXT'], caseless);
    expect(index.othersOf('a.txt')).toEqual(['A.txt', 'a.TXT']);
    expect(index.remove('a.TXT')).toEqual(['A.txt', 'a.txt']);
    expect(index.othersOf('A.txt')).toEqual(['a.txt']);
    expect(index.remove('a.txt')).toEqual(['A.txt']);
    expect(index.othersOf('A.txt')).toEqual([]);
    expect(index.claimsKey('p/a.TXT')).toBe(true);
  });
});

describe('keyCollisionError', () => {
  it('names every file and says how to fix it', () => {
    const error = keyCollisionError(NFC, [NFD]);
    expect(error).toMatchObject({ code: 'invalid-name', disposition: 'no-retry' });
    expect(error.message).toMatch(/^Two files map to the same key: /);
    expect(error.message).toContain(JSON.stringify(NFD));
    expect(error.hint).toMatch(/Rename or remove all but one/);
  });
});
