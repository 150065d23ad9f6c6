import { countTransfers } from '../../../app/presentation/transfer-totals.js';
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

/** The tab counts, from the same count as the snapshot's totals (one row per path). */
export function countByFilter(rows: readonly TransferView[]): Record<TransferFilter, number> {
  const { totals } = countTransfers(rows);
  const active = totals.active + totals.waiting;
  const done = totals.done + totals.skipped;
  return {
    all: active + totals.queued + totals.failed + done,
    active,
    queued: totals.queued,
    failed: totals.failed,
    done,
  };
}
