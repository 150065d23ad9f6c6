import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { FolderMode } from '../../../../app/credentials/session-policy.js';
import type { FileRecord } from '../../../../app/ports/journal.js';
import type { ObjectInfo } from '../../../../app/ports/object-store.js';
import type { LocalFile } from '../../../../app/sync/folder-spec.js';
import { folderKeyMapping } from '../../../../app/sync/key-collisions.js';
import { keyIdentity, toObjectKey } from '../../../../app/sync/object-key.js';
import { planFolder, type Plan } from '../../../../app/sync/planner.js';

/**
 * Properties of the planner (issue 11), on its real API (planFolder), with a model of the
 * bucket and the journal that applies each plan the way FolderSync and the transfer runner do:
 * random trees × random journal and remote states × random orders of local and remote events.
 */

const PREFIX = 'team/docs/';
const OLD_PREFIX = 'old-prefix/';
/** Few names, so events collide on paths; NFC and NFD "café" map to one key. */
const NAMES = [
  'a.txt',
  'b.txt',
  'dir/c.txt',
  'dir/sub/d.txt',
  'caf\u00e9.txt',
  'cafe\u0301.txt',
  'Z.bin',
  'dir/e f.txt',
] as const;
const keys = folderKeyMapping(PREFIX);
const keyOf = (path: string) => toObjectKey(PREFIX, path);
/** What a version of a file looks like in the bucket (an ETag stands for the bytes). */
const etagOf = (file: { size: number; mtimeMs: number }) => `e-${file.size}-${file.mtimeMs}`;

type Event =
  | { readonly kind: 'write'; readonly path: string; readonly size: number }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'sync' }
  /** Someone else removes or replaces an object in the bucket. */
  | { readonly kind: 'remote-delete'; readonly path: string }
  | { readonly kind: 'remote-replace'; readonly path: string };

interface World {
  readonly mode: FolderMode;
  readonly listing: boolean;
  local: Map<string, LocalFile>;
  journal: Map<string, FileRecord>;
  bucket: Map<string, ObjectInfo>;
  missingSince: Map<string, number>;
  clock: number;
}

const path = fc.constantFrom(...NAMES);
const size = fc.integer({ min: 0, max: 3 });
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), path, size }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remote-delete' as const), path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remote-replace' as const), path }) },
);

/** A starting journal: synced, failed, or left by an earlier prefix of the folder. */
const journalEntry = fc.record({
  path,
  size,
  mtimeMs: fc.integer({ min: 1, max: 3 }),
  state: fc.constantFrom('synced' as const, 'failed' as const),
  foreign: fc.boolean(),
});

type WorldInput = typeof world extends fc.Arbitrary<infer T> ? T : never;

const world = fc.record({
  mode: fc.constantFrom<FolderMode>('upload', 'mirror'),
  listing: fc.boolean(),
  local: fc.array(fc.record({ path, size, mtimeMs: fc.integer({ min: 1, max: 3 }) }), {
    maxLength: 6,
  }),
  journal: fc.array(journalEntry, { maxLength: 6 }),
  remote: fc.array(path, { maxLength: 4 }),
  events: fc.array(event, { maxLength: 25 }),
});

function start(input: WorldInput): World {
  const w: World = {
    mode: input.mode,
    listing: input.listing,
    local: new Map(),
    journal: new Map(),
    bucket: new Map(),
    missingSince: new Map(),
    clock: 10,
  };
  for (const f of input.local) {
    w.local.set(f.path, { relativePath: f.path, size: f.size, mtimeMs: f.mtimeMs });
  }
  for (const j of input.journal) {
    const remoteKey = j.foreign ? `${OLD_PREFIX}${j.path}` : keyOf(j.path);
    const synced = j.state === 'synced';
    w.journal.set(j.path, {
      folderId: 'f',
      relativePath: j.path,
      size: synced ? j.size : j.size,
      mtimeMs: synced ? j.mtimeMs : -1,
      md5: null,
      remoteKey,
      etag: synced ? etagOf(j) : null,
      state: j.state,
      lastError: synced ? null : 'earlier failure',
      updatedAt: 0,
    });
    if (synced) w.bucket.set(remoteKey, { key: remoteKey, etag: etagOf(j), size: j.size });
  }
  for (const p of input.remote) {
    w.bucket.set(keyOf(p), { key: keyOf(p), etag: 'someone-else', size: 9 });
  }
  return w;
}

/** One scan and its transfers, applied as FolderSync and TransferRunner apply them. */
function sync(w: World, confirmed: boolean): Plan {
  const remote = w.listing
    ? new Map([...w.bucket].filter(([key]) => key.startsWith(PREFIX)))
    : undefined;
  const plan = planFolder({
    mode: w.mode,
    local: new Map(w.local),
    journal: new Map(w.journal),
    ...(remote ? { remote } : {}),
    missingSince: w.missingSince,
    now: w.clock,
    deleteDelayMs: 0,
    massDeleteCount: 2,
    massDeleteFraction: 0.25,
    deletesConfirmed: confirmed,
    keys,
  });
  checkSafety(w, plan);
  w.missingSince = plan.missingSince;
  for (const upload of plan.uploads) {
    const key = keyOf(upload.relativePath);
    const etag = etagOf(upload);
    w.bucket.set(key, { key, etag, size: upload.size });
    w.journal.set(upload.relativePath, {
      folderId: 'f',
      relativePath: upload.relativePath,
      size: upload.size,
      mtimeMs: upload.mtimeMs,
      md5: null,
      remoteKey: key,
      etag,
      state: 'synced',
      lastError: null,
      updatedAt: w.clock,
    });
  }
  for (const deletion of plan.deletes) {
    w.bucket.delete(deletion.remoteKey);
    w.journal.delete(deletion.relativePath);
  }
  for (const forgotten of plan.forget) w.journal.delete(forgotten);
  w.clock += 1;
  return plan;
}

/** The promises that hold for every plan, whatever came before. */
function checkSafety(w: World, plan: Plan): void {
  const localIdentities = new Set(
    [...w.local.keys()].map((p) => keys.identityOfPath(p)).filter((id) => id !== null),
  );
  for (const deletion of plan.deletes) {
    expect(w.mode).toBe('mirror');
    // Never a path that exists locally, nor an object a local file maps to.
    expect(w.local.has(deletion.relativePath)).toBe(false);
    expect(localIdentities.has(keyIdentity(deletion.remoteKey))).toBe(false);
    // Never outside the folder's prefix.
    expect(deletion.remoteKey.startsWith(PREFIX)).toBe(true);
  }
  for (const upload of plan.uploads) {
    expect(w.local.get(upload.relativePath)).toMatchObject({
      size: upload.size,
      mtimeMs: upload.mtimeMs,
    });
    expect(keyOf(upload.relativePath).startsWith(PREFIX)).toBe(true);
  }
  for (const conflict of plan.conflicts) expect(conflict.remoteKey.startsWith(PREFIX)).toBe(true);
}

function apply(w: World, e: Event): void {
  switch (e.kind) {
    case 'write':
      w.clock += 1;
      w.local.set(e.path, { relativePath: e.path, size: e.size, mtimeMs: w.clock });
      return;
    case 'delete':
      w.local.delete(e.path);
      return;
    case 'sync':
      sync(w, false);
      return;
    case 'remote-delete':
      w.bucket.delete(keyOf(e.path));
      return;
    case 'remote-replace':
      w.bucket.set(keyOf(e.path), { key: keyOf(e.path), etag: 'someone-else', size: 9 });
      return;
  }
}

describe('planFolder: what the properties found (kept as examples)', () => {
  const base = {
    missingSince: new Map<string, number>(),
    now: 5,
    deleteDelayMs: 0,
    massDeleteCount: 50,
    massDeleteFraction: 0.25,
    keys,
  };
  const recorded = (path: string, remoteKey: string): FileRecord => ({
    folderId: 'f',
    relativePath: path,
    size: 1,
    mtimeMs: 1,
    md5: null,
    remoteKey,
    etag: 'e',
    state: 'synced',
    lastError: null,
    updatedAt: 0,
  });

  it('after the prefix changed, a file is uploaded under the new prefix; the old object is never deleted', () => {
    const journal = new Map([
      ['a.txt', recorded('a.txt', `${OLD_PREFIX}a.txt`)],
      ['gone.txt', recorded('gone.txt', `${OLD_PREFIX}gone.txt`)],
    ]);
    const local = new Map([['a.txt', { relativePath: 'a.txt', size: 1, mtimeMs: 1 }]]);
    const plan = planFolder({ ...base, mode: 'mirror', local, journal, deletesConfirmed: true });
    expect(plan.uploads).toEqual([{ relativePath: 'a.txt', size: 1, mtimeMs: 1, reason: 'new' }]);
    expect(plan.deletes).toEqual([]);
    expect(plan.forget).toEqual(['gone.txt']);
  });

  it('an emptied mirror folder pauses, and its deletes go through once the user confirms', () => {
    const journal = new Map([['a.txt', recorded('a.txt', keyOf('a.txt'))]]);
    const paused = planFolder({
      ...base,
      mode: 'mirror',
      local: new Map(),
      journal,
      deletesConfirmed: false,
    });
    expect(paused).toMatchObject({ deletes: [], deletePause: 'root-empty' });
    const confirmed = planFolder({
      ...base,
      mode: 'mirror',
      local: new Map(),
      journal,
      deletesConfirmed: true,
    });
    expect(confirmed.deletes).toEqual([{ relativePath: 'a.txt', remoteKey: keyOf('a.txt') }]);
  });
});

describe('planFolder properties (fast-check)', () => {
  it('plans never delete a local path, never reach outside the prefix, and converge', () => {
    fc.assert(
      fc.property(world, (input) => {
        const w = start(input);
        for (const e of input.events) apply(w, e);
        // Converge: with deletes confirmed, a few rounds reach a plan with nothing to do.
        let last: Plan | undefined;
        for (let round = 0; round < 4; round++) {
          last = sync(w, true);
          if (last.uploads.length === 0 && last.deletes.length === 0) break;
        }
        expect(last?.uploads).toEqual([]);
        expect(last?.deletes).toEqual([]);
        const excluded = new Set([
          ...(last?.conflicts ?? []).map((c) => c.relativePath),
          ...(last?.collisions ?? []).map((c) => c.relativePath),
        ]);
        for (const file of w.local.values()) {
          if (excluded.has(file.relativePath)) continue;
          // Every other local file is recorded under its key in this prefix, as it is on disk…
          expect(w.journal.get(file.relativePath), file.relativePath).toMatchObject({
            remoteKey: keyOf(file.relativePath),
            size: file.size,
            mtimeMs: file.mtimeMs,
            state: 'synced',
          });
          // …and, where the planner may list the bucket (it cannot see what others did
          // otherwise), the object is really there with those bytes.
          if (w.listing) {
            expect(w.bucket.get(keyOf(file.relativePath))?.etag, file.relativePath).toBe(
              etagOf(file),
            );
          }
        }
        if (w.mode === 'mirror') {
          // Nothing of Ferry's is left in the bucket for a file that is gone.
          for (const record of w.journal.values()) {
            expect(w.local.has(record.relativePath)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the same inputs always give the same plan (no hidden state, no order dependence)', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 0, max: 1_000 }), (input, seed) => {
        const w = start(input);
        const shuffled = (entries: [string, LocalFile][]) =>
          new Map(
            [...entries].sort(
              (a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7),
            ),
          );
        const base = {
          mode: w.mode,
          journal: w.journal,
          missingSince: new Map<string, number>(),
          now: 5,
          deleteDelayMs: 0,
          massDeleteCount: 50,
          massDeleteFraction: 0.25,
          deletesConfirmed: false,
          keys,
        };
        const one = planFolder({ ...base, local: new Map(w.local) });
        const two = planFolder({ ...base, local: shuffled([...w.local]) });
        const sorted = (p: Plan) => ({
          uploads: [...p.uploads].sort((a, b) => a.relativePath.localeCompare(b.relativePath)),
          deletes: [...p.deletes].sort((a, b) => a.relativePath.localeCompare(b.relativePath)),
          forget: [...p.forget].sort(),
          unchanged: p.unchanged,
          deletePause: p.deletePause,
        });
        expect(sorted(two)).toEqual(sorted(one));
      }),
      { numRuns: 200 },
    );
  });
});
