import { describe, expect, it } from 'vitest';

import type { TransferView } from '../../../../../app/ipc/views.js';
import {
  countByFilter,
  filterOf,
  filterTransfers,
} from '../../../../../renderer/src/model/transfer-filter.js';
import { transfer } from '../fakes/views.js';

describe('transfer filters', () => {
  it.each<[TransferView['state'], string]>([
    ['queued', 'queued'],
    ['uploading', 'active'],
    ['deleting', 'active'],
    ['retrying', 'active'],
    ['waiting-for-credentials', 'active'],
    ['failed', 'failed'],
    ['done', 'done'],
    ['skipped', 'done'],
  ])('puts %s rows under "%s"', (state, filter) => {
    expect(filterOf(state)).toBe(filter);
  });

  it('filters rows and counts each tab', () => {
    const rows = [
      transfer({ id: 1, state: 'failed' }),
      transfer({ id: 2, state: 'uploading' }),
      transfer({ id: 3, state: 'retrying' }),
      transfer({ id: 4, state: 'done' }),
    ];
    expect(filterTransfers(rows, 'all')).toBe(rows);
    expect(filterTransfers(rows, 'active').map((row) => row.id)).toEqual([2, 3]);
    expect(filterTransfers(rows, 'queued')).toEqual([]);
    expect(countByFilter(rows)).toEqual({ all: 4, active: 2, queued: 0, failed: 1, done: 1 });
  });
});
