import { describe, expect, it } from 'vitest';

import { mergeRecentTransfers } from '../../../../../app/presentation/tray/recent-transfers.js';
import { aTransfer, NOW } from './ui-snapshot.js';

const ids = (list: readonly { id: number }[]) => list.map((transfer) => transfer.id);

describe('mergeRecentTransfers', () => {
  it('keeps the last five finished transfers, newest first', () => {
    const batch = [1, 2, 3, 4, 5, 6, 7].map((id) =>
      aTransfer(id, `f${id}`, { finishedAt: NOW + id * 1_000 }),
    );
    expect(ids(mergeRecentTransfers([], batch))).toEqual([7, 6, 5, 4, 3]);
  });

  it('lists failures with successes and leaves out what is still running or was skipped', () => {
    const recent = mergeRecentTransfers(
      [],
      [
        aTransfer(1, 'a', { state: 'done', finishedAt: NOW + 1 }),
        aTransfer(2, 'b', { state: 'failed', finishedAt: NOW + 2 }),
        aTransfer(3, 'c', { state: 'uploading', finishedAt: null }),
        aTransfer(4, 'd', { state: 'skipped', finishedAt: NOW + 4 }),
      ],
    );
    expect(ids(recent)).toEqual([2, 1]);
  });

  it('drops a failed transfer that is retried, and takes it back when it finishes', () => {
    const failed = aTransfer(1, 'a', { state: 'failed', finishedAt: NOW });
    const other = aTransfer(2, 'b', { finishedAt: NOW - 5_000 });
    let recent = mergeRecentTransfers([], [failed, other]);
    recent = mergeRecentTransfers(recent, [{ ...failed, state: 'queued', finishedAt: null }]);
    expect(ids(recent)).toEqual([2]);
    recent = mergeRecentTransfers(recent, [{ ...failed, state: 'done', finishedAt: NOW + 9_000 }]);
    expect(recent.map((t) => [t.id, t.state])).toEqual([
      [1, 'done'],
      [2, 'done'],
    ]);
  });

  it('updates an entry in place rather than listing it twice', () => {
    const first = aTransfer(1, 'a', { state: 'failed', finishedAt: NOW });
    const again = { ...first, state: 'done' as const, finishedAt: NOW + 1 };
    expect(mergeRecentTransfers([first], [again])).toEqual([again]);
  });
});
