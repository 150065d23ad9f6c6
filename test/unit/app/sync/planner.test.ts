import { describe, expect, it } from 'vitest';

import type { LocalFile } from '../../../../app/sync/folder-spec.js';
import { planFolder, type PlanInput } from '../../../../app/sync/planner.js';
import { folderKeyMapping } from '../../../../app/sync/key-collisions.js';
import type { FileRecord } from '../../../../app/ports/journal.js';
import type { ObjectInfo } from '../../../../app/ports/object-store.js';

const NOW = 1_000_000_000;
const file = (relativePath: string, size = 10, mtimeMs = 5): LocalFile => ({
  relativePath,
  size,
  mtimeMs,
});
const record = (relativePath: string, over: Partial<FileRecord> = {}): FileRecord => ({
  folderId: 'f',
  relativePath,
  size: 10,
  mtimeMs: 5,
  md5: 'm',
  remoteKey: `p/${relativePath}`,
  etag: 'e1',
  state: 'synced',
  lastError: null,
  updatedAt: 0,
  ...over,
});
const byPath = <T extends { relativePath: string }>(items: T[]) =>
  new Map(items.map((i) => [i.relativePath, i]));

function plan(over: Partial<PlanInput>) {
  return planFolder({
    mode: 'upload',
    local: new Map(),
    journal: new Map(),
    missingSince: new Map(),
    now: NOW,
    deleteDelayMs: 60_000,
    massDeleteCount: 20,
    massDeleteFraction: 0.25,
    deletesConfirmed: false,
    ...over,
  });
}

describe('planFolder', () => {
  it.each([
    ['a new file is uploaded', file('a'), undefined, 'new'],
    ['a changed size is uploaded', file('a', 11), record('a'), 'changed'],
    ['a changed mtime is uploaded', file('a', 10, 6), record('a'), 'changed'],
    ['a failed file is retried', file('a'), record('a', { state: 'failed', etag: null }), 'retry'],
  ] as const)('%s', (_name, local, journaled, reason) => {
    const result = plan({ local: byPath([local]), journal: byPath(journaled ? [journaled] : []) });
    expect(result.uploads).toEqual([{ ...local, reason }]);
    expect(result.unchanged).toBe(0);
  });

  it('an unchanged file costs nothing', () => {
    const result = plan({ local: byPath([file('a')]), journal: byPath([record('a')]) });
    expect(result).toMatchObject({ uploads: [], unchanged: 1, deletes: [], forget: [] });
  });

  describe('with a remote listing', () => {
    const remote = (etag: string): Map<string, ObjectInfo> =>
      new Map([['p/a', { key: 'p/a', etag, size: 10 }]]);
    it('re-uploads a file whose object disappeared', () => {
      const result = plan({
        local: byPath([file('a')]),
        journal: byPath([record('a')]),
        remote: new Map(),
      });
      expect(result.uploads).toEqual([{ ...file('a'), reason: 'missing-remotely' }]);
    });
    it('does not overwrite an object changed by someone else: conflict', () => {
      const result = plan({
        local: byPath([file('a', 12)]),
        journal: byPath([record('a')]),
        remote: remote('e2'),
      });
      expect(result.uploads).toEqual([]);
      expect(result.conflicts).toEqual([
        {
          relativePath: 'a',
          remoteKey: 'p/a',
          reason: expect.stringContaining('changed in the bucket by someone else'),
        },
      ]);
    });
    it('an object as Ferry left it is no conflict', () => {
      expect(
        plan({ local: byPath([file('a')]), journal: byPath([record('a')]), remote: remote('e1') }),
      ).toMatchObject({ unchanged: 1, conflicts: [] });
    });
  });

  describe('upload mode', () => {
    it('never deletes remotely; the journal forgets files gone locally', () => {
      const result = plan({
        mode: 'upload',
        local: byPath([file('b')]),
        journal: byPath([record('a'), record('b')]),
      });
      expect(result).toMatchObject({ deletes: [], forget: ['a'], deletePause: null });
    });
  });

  describe('mirror mode', () => {
    const journal = byPath(['a', 'b', 'c', 'd', 'e'].map((p) => record(p)));
    const local = byPath(['b', 'c', 'd', 'e'].map((p) => file(p)));

    it('waits the delete delay before deleting', () => {
      const first = plan({ mode: 'mirror', local, journal });
      expect(first.deletes).toEqual([]);
      expect(first.missingSince).toEqual(new Map([['a', NOW]]));
      const early = plan({
        mode: 'mirror',
        local,
        journal,
        missingSince: first.missingSince,
        now: NOW + 59_999,
      });
      expect(early.deletes).toEqual([]);
      const due = plan({
        mode: 'mirror',
        local,
        journal,
        missingSince: first.missingSince,
        now: NOW + 60_000,
      });
      expect(due.deletes).toEqual([{ relativePath: 'a', remoteKey: 'p/a' }]);
      expect(due.missingSince.size).toBe(0);
    });

    it('forgets the wait when the file comes back', () => {
      const result = plan({
        mode: 'mirror',
        local: byPath([...local.values(), file('a')]),
        journal,
        missingSince: new Map([['a', NOW - 1]]),
      });
      expect(result.missingSince.size).toBe(0);
      expect(result.deletes).toEqual([]);
    });

    it('never deletes when the root is missing (unmounted disk)', () => {
      const result = plan({
        mode: 'mirror',
        local: null,
        journal,
        missingSince: new Map([['a', 0]]),
        deleteDelayMs: 0,
      });
      expect(result).toMatchObject({ deletes: [], deletePause: 'root-missing' });
    });

    it('never deletes when the root is empty while the journal is not', () => {
      const result = plan({ mode: 'mirror', local: new Map(), journal, deleteDelayMs: 0 });
      expect(result).toMatchObject({ deletes: [], deletePause: 'root-empty' });
    });

    it.each([
      // journaled, deleted, threshold count, fraction → paused?
      [100, 21, 20, 0.25, false], // more than 20 but only 21 % of the folder
      [100, 26, 20, 0.25, true],
      [40, 20, 20, 0.25, false], // exactly the count is allowed
      [40, 21, 20, 0.25, true],
    ])(
      '%d files, %d deleted, threshold %d and %d: pauses = %s',
      (total, deleted, count, fraction, paused) => {
        const names = Array.from({ length: total }, (_, i) => `f${i}`);
        const result = plan({
          mode: 'mirror',
          journal: byPath(names.map((n) => record(n))),
          local: byPath(names.slice(deleted).map((n) => file(n))),
          deleteDelayMs: 0,
          massDeleteCount: count,
          massDeleteFraction: fraction,
        });
        expect(result.deletePause).toBe(paused ? 'mass-delete' : null);
        expect(result.deletes).toHaveLength(paused ? 0 : deleted);
      },
    );

    it('deletes a confirmed mass delete', () => {
      const names = Array.from({ length: 100 }, (_, i) => `f${i}`);
      const result = plan({
        mode: 'mirror',
        journal: byPath(names.map((n) => record(n))),
        local: byPath(names.slice(50).map((n) => file(n))),
        deleteDelayMs: 0,
        deletesConfirmed: true,
      });
      expect(result.deletes).toHaveLength(50);
    });
  });

  describe('a streamed journal (FileLedger.summariesOf): no map, each record visited once', () => {
    /** Only forEach, as the journal's stream offers: no get, no size. */
    const streamed = (records: FileRecord[]) => {
      let passes = 0;
      return {
        passes: () => passes,
        forEach: (visit: (record: FileRecord) => void) => {
          passes += 1;
          records.forEach((r) => visit(r));
        },
      };
    };

    it('plans exactly what the map of the same records plans, in one pass', () => {
      const records = [
        record('same'),
        record('changed'),
        record('failed', { state: 'failed', etag: null }),
        record('gone'),
        record('elsewhere', { remoteKey: 'older-prefix/elsewhere' }),
      ];
      const local = byPath([file('new'), file('same'), file('changed', 11), file('failed')]);
      const journal = streamed(records);
      const keys = folderKeyMapping('p/');
      const fromStream = plan({ local, journal, keys });
      expect(journal.passes()).toBe(1);
      expect(fromStream).toEqual(plan({ local, journal: byPath(records), keys }));
      expect(fromStream.uploads.map((u) => [u.relativePath, u.reason])).toEqual([
        ['new', 'new'],
        ['changed', 'changed'],
        ['failed', 'retry'],
      ]);
      expect(fromStream.forget.sort()).toEqual(['elsewhere', 'gone']);
    });

    it('counts the streamed records for the mass-delete fraction', () => {
      const gone = Array.from({ length: 30 }, (_, i) => record(`gone-${i}`));
      const result = plan({
        mode: 'mirror',
        local: byPath([file('kept')]),
        journal: streamed([...gone, record('kept')]),
        deleteDelayMs: 0,
      });
      expect(result.deletePause).toBe('mass-delete');
      expect(result.deletes).toEqual([]);
    });
  });
});
