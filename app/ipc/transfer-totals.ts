import type { Transfer } from '../transfer/transfer-queue.js';
import type { FolderCounts, TransferTotals } from './views.js';

/** Per-folder and overall counts from the transfer list, counting each path once. */
export interface TransferCounts {
  readonly totals: Omit<TransferTotals, 'bytesPerSecond'>;
  readonly byFolder: ReadonlyMap<string, Omit<FolderCounts, 'files'>>;
}

const ACTIVE = new Set<Transfer['state']>(['uploading', 'deleting']);
const WAITING = new Set<Transfer['state']>(['retrying', 'waiting-for-credentials']);

/**
 * A path that failed and then succeeded on retry is not "failed" any more: only the newest
 * transfer of each path counts (the list is oldest first, so later entries win).
 */
export function countTransfers(transfers: readonly Readonly<Transfer>[]): TransferCounts {
  const latest = new Map<string, Readonly<Transfer>>();
  for (const transfer of transfers) {
    const path = transfer.drop ? `drop:${transfer.drop.remoteKey}` : transfer.relativePath;
    latest.set(`${transfer.folderId}\u0000${path}`, transfer);
  }
  const totals = { queued: 0, active: 0, waiting: 0, failed: 0, done: 0 };
  const byFolder = new Map<string, { queued: number; active: number; failed: number }>();
  for (const transfer of latest.values()) {
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
    }
  }
  return { totals, byFolder };
}
