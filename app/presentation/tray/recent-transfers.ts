import type { TransferView } from '../../ipc/views.js';

/** How many finished transfers the tray lists. */
export const RECENT_TRANSFER_LIMIT = 5;

/**
 * Folds a batch of transfer updates into the tray's "recent transfers": the last finished ones
 * (done or failed), newest first. A transfer that runs again (retried, re-queued) leaves the list
 * until it finishes anew; skipped ones (unchanged, vanished) are not news and never enter it.
 */
export function mergeRecentTransfers(
  recent: readonly TransferView[],
  upserts: readonly TransferView[],
  limit = RECENT_TRANSFER_LIMIT,
): TransferView[] {
  const byId = new Map(recent.map((transfer) => [transfer.id, transfer]));
  for (const transfer of upserts) {
    if (transfer.state === 'done' || transfer.state === 'failed') byId.set(transfer.id, transfer);
    else byId.delete(transfer.id);
  }
  return [...byId.values()]
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || b.id - a.id)
    .slice(0, limit);
}
