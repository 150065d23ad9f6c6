import type { TransferView } from '../../../app/ipc/views.js';

/** Finished rows kept in the UI; older ones fall off (the engine keeps its own history). */
export const MAX_FINISHED_ROWS = 10_000;

/** The transfers the UI shows: one row per id, newest first. */
export interface TransferList {
  readonly byId: ReadonlyMap<number, TransferView>;
  readonly rows: readonly TransferView[];
}

export const EMPTY_TRANSFER_LIST: TransferList = { byId: new Map(), rows: [] };

export function isFinished(transfer: TransferView): boolean {
  return transfer.state === 'done' || transfer.state === 'failed' || transfer.state === 'skipped';
}

/** The full list from `transfers:list` (after connecting or reconnecting). */
export function replaceTransfers(
  transfers: readonly TransferView[],
  maxFinished = MAX_FINISHED_ROWS,
): TransferList {
  return build(new Map(transfers.map((transfer) => [transfer.id, transfer])), maxFinished);
}

/** A `transfers:changed` batch: new rows are added, known ids replaced. */
export function applyUpserts(
  list: TransferList,
  upserts: readonly TransferView[],
  maxFinished = MAX_FINISHED_ROWS,
): TransferList {
  if (upserts.length === 0) return list;
  const byId = new Map(list.byId);
  for (const transfer of upserts) byId.set(transfer.id, transfer);
  return build(byId, maxFinished);
}

function build(byId: Map<number, TransferView>, maxFinished: number): TransferList {
  const rows = [...byId.values()].sort((a, b) => b.id - a.id);
  let finishedSeen = 0;
  const kept: TransferView[] = [];
  for (const row of rows) {
    if (isFinished(row) && ++finishedSeen > maxFinished) {
      // Newest first: every finished row past the limit is older than the ones kept.
      byId.delete(row.id);
      continue;
    }
    kept.push(row);
  }
  return { byId, rows: kept };
}
