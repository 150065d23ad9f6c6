import type { PathProblem } from '../sync/path-problem.js';
import type { TransferState } from '../transfer/transfer.js';
import type { FolderCounts, TransferTotals, TransferView } from '../ipc/views.js';

/**
 * Per-folder and overall counts from the transfer list, counting each path once. The one count
 * of the rows (issue 13): the snapshot's totals (top bar, tray, CLI status) and the window's
 * filter tabs both come from countTransfers, so "Failed" is the same number everywhere.
 */
export interface TransferCounts {
  readonly totals: Omit<TransferTotals, 'bytesPerSecond'> & { readonly skipped: number };
  readonly byFolder: ReadonlyMap<string, Omit<FolderCounts, 'files' | 'skipped'>>;
}

/** What counting reads of a row: the engine's Transfer (snapshot, retry) and the UI's
 *  TransferView (filter tabs) both fit. */
export type CountedRow = Pick<TransferView, 'folderId' | 'relativePath' | 'state' | 'quiet'> & {
  readonly drop: { readonly remoteKey: string } | null;
};

const ACTIVE = new Set<TransferState>(['uploading', 'deleting']);
const WAITING = new Set<TransferState>(['retrying', 'waiting-for-credentials']);

/**
 * The newest transfer of each path (the list is oldest first, so later entries win): a path that
 * failed and then succeeded on retry is not "failed" any more. A drop is keyed by its object key,
 * so it never stands for a synced file of the same name.
 */
export function latestPerPath<T extends CountedRow>(transfers: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const transfer of transfers) {
    if (transfer.quiet) continue; // a routine finish: not a row (transfer-rows.ts)
    const path = transfer.drop ? `drop:${transfer.drop.remoteKey}` : transfer.relativePath;
    latest.set(`${transfer.folderId}\u0000${path}`, transfer);
  }
  return [...latest.values()];
}

/** Per-folder and overall counts, each path counted once (by its newest transfer). */
export function countTransfers(transfers: readonly CountedRow[]): TransferCounts {
  const totals = { queued: 0, active: 0, waiting: 0, failed: 0, done: 0, skipped: 0 };
  const byFolder = new Map<string, { queued: number; active: number; failed: number }>();
  for (const transfer of latestPerPath(transfers)) {
    const folder = byFolder.get(transfer.folderId) ?? { queued: 0, active: 0, failed: 0 };
    byFolder.set(transfer.folderId, folder);
    if (transfer.state === 'queued') {
      totals.queued += 1;
      folder.queued += 1;
    } else if (ACTIVE.has(transfer.state)) {
      totals.active += 1;
      folder.active += 1;
    } else if (WAITING.has(transfer.state)) {
      totals.waiting += 1;
      folder.active += 1;
    } else if (transfer.state === 'failed') {
      totals.failed += 1;
      folder.failed += 1;
    } else if (transfer.state === 'done') {
      totals.done += 1;
    } else {
      totals.skipped += 1;
    }
  }
  return { totals, byFolder };
}

/**
 * A folder's scan problems, counted as the transfers are: `failed` (unreadable, bad names) adds
 * to the failed transfers, so a folder that left files behind never shows "0 failed".
 */
export function countProblems(problems: readonly PathProblem[]): {
  readonly failed: number;
  readonly skipped: number;
} {
  let failed = 0;
  let skipped = 0;
  for (const problem of problems) {
    if (problem.outcome === 'failed') failed += 1;
    else if (problem.outcome === 'skipped') skipped += 1;
  }
  return { failed, skipped };
}
