import type { TransferView } from '../../../app/ipc/views.js';

export const TRANSFER_FILTERS = ['all', 'active', 'queued', 'failed', 'done'] as const;
export type TransferFilter = (typeof TRANSFER_FILTERS)[number];

type TransferState = TransferView['state'];

/** Which filter tab a state belongs to besides "all"; waiting rows count as active work. */
export function filterOf(state: TransferState): Exclude<TransferFilter, 'all'> {
  switch (state) {
    case 'queued':
      return 'queued';
    case 'failed':
      return 'failed';
    case 'done':
    case 'skipped':
      return 'done';
    case 'uploading':
    case 'deleting':
    case 'retrying':
    case 'waiting-for-credentials':
      return 'active';
  }
}

export function filterTransfers(
  rows: readonly TransferView[],
  filter: TransferFilter,
): readonly TransferView[] {
  if (filter === 'all') return rows;
  return rows.filter((row) => filterOf(row.state) === filter);
}

export function countByFilter(rows: readonly TransferView[]): Record<TransferFilter, number> {
  const counts: Record<TransferFilter, number> = {
    all: rows.length,
    active: 0,
    queued: 0,
    failed: 0,
    done: 0,
  };
  for (const row of rows) counts[filterOf(row.state)] += 1;
  return counts;
}
