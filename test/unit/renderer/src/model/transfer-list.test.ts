import { describe, expect, it } from 'vitest';

import {
  applyUpserts,
  EMPTY_TRANSFER_LIST,
  replaceTransfers,
} from '../../../../../renderer/src/model/transfer-list.js';
import { transfer } from '../fakes/views.js';

const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id);

describe('transfer list', () => {
  it('shows the newest transfer first', () => {
    const list = replaceTransfers([transfer({ id: 2 }), transfer({ id: 9 }), transfer({ id: 5 })]);
    expect(ids(list.rows)).toEqual([9, 5, 2]);
  });

  it('replaces known rows by id and adds new ones', () => {
    let list = replaceTransfers([transfer({ id: 1 }), transfer({ id: 2 })]);
    list = applyUpserts(list, [
      transfer({ id: 2, state: 'uploading', bytesDone: 10 }),
      transfer({ id: 3 }),
    ]);
    // The uploading row is pinned on top (issue 13).
    expect(ids(list.rows)).toEqual([2, 3, 1]);
    expect(list.byId.get(2)).toMatchObject({ state: 'uploading', bytesDone: 10 });
    expect(list.rows).toHaveLength(list.byId.size);
  });

  it('pins active rows on top, then newest activity first; a routine (quiet) row is not shown', () => {
    const list = replaceTransfers([
      transfer({ id: 1, state: 'done', finishedAt: 50 }),
      transfer({ id: 2, state: 'retrying', startedAt: 10 }),
      transfer({ id: 3, state: 'failed', finishedAt: 70 }),
      transfer({ id: 4, state: 'queued', queuedAt: 60 }),
      transfer({ id: 5, state: 'uploading', startedAt: 5 }),
      transfer({ id: 6, state: 'skipped', finishedAt: 90, quiet: true }),
    ]);
    expect(ids(list.rows)).toEqual([2, 5, 3, 4, 1]);
    // A restart gives the same ids: an upsert of a known id updates that row in place.
    const later = applyUpserts(list, [transfer({ id: 1, state: 'uploading', startedAt: 99 })]);
    expect(ids(later.rows)).toEqual([1, 2, 5, 3, 4]);
  });

  it('leaves the list untouched for an empty batch', () => {
    const list = replaceTransfers([transfer({ id: 1 })]);
    expect(applyUpserts(list, [])).toBe(list);
    expect(applyUpserts(EMPTY_TRANSFER_LIST, []).rows).toEqual([]);
  });

  it('keeps at most the limit of finished rows, dropping the oldest, and every unfinished or failed row', () => {
    const rows = [
      transfer({ id: 1, state: 'done' }),
      transfer({ id: 2, state: 'queued' }),
      transfer({ id: 3, state: 'failed' }),
      transfer({ id: 4, state: 'skipped' }),
      transfer({ id: 5, state: 'uploading' }),
      transfer({ id: 6, state: 'done' }),
    ];
    const list = replaceTransfers(rows, 2);
    expect(ids(list.rows)).toEqual([5, 6, 4, 3, 2]);
    expect(list.byId.has(1)).toBe(false);

    // A queued row that finishes later counts against the limit too.
    const later = applyUpserts(list, [transfer({ id: 2, state: 'done' })], 2);
    expect(ids(later.rows)).toEqual([5, 6, 4, 3]);
  });

  it('holds 10,000 finished rows by default', () => {
    const rows = Array.from({ length: 10_050 }, (_, index) =>
      transfer({ id: index + 1, state: 'done' }),
    );
    const list = replaceTransfers(rows);
    expect(list.rows).toHaveLength(10_000);
    expect(list.rows[0]?.id).toBe(10_050);
    expect(list.rows.at(-1)?.id).toBe(51);
  });
});
