import type { TransferView } from '../../../app/ipc/views.js';

/** Finished rows kept in the UI; older ones fall off (the engine keeps its own history). */
export const MAX_FINISHED_ROWS = 10_000;

/** The transfers the UI shows: one row per id (= per file), active ones first, then newest
 *  activity first. */
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

/** Running, retrying or waiting: pinned on top, whatever their id or age. */
export function isActive(transfer: TransferView): boolean {
  return !isFinished(transfer) && transfer.state !== 'queued';
}

/** When the row last did something: finished, started, or was queued. */
export function lastActivity(transfer: TransferView): number {
  return transfer.finishedAt ?? transfer.startedAt ?? transfer.queuedAt ?? 0;
}

/** Active first, then newest activity first; ties by id (stable across pushes). */
export function compareRows(a: TransferView, b: TransferView): number {
  return (
    Number(isActive(b)) - Number(isActive(a)) || lastActivity(b) - lastActivity(a) || b.id - a.id
  );
}

function build(byId: Map<number, TransferView>, maxFinished: number): TransferList {
  for (const [id, row] of byId) if (row.quiet) byId.delete(id); // routine: not a row
  const rows = [...byId.values()].sort(compareRows);
  let finishedSeen = 0;
  const kept: TransferView[] = [];
  for (const row of rows) {
    // Failed rows are kept whatever their age, as the engine keeps them, until resolved.
    if (isFinished(row) && row.state !== 'failed' && ++finishedSeen > maxFinished) {
      // Newest first: every finished row past the limit is older than the ones kept.
      byId.delete(row.id);
      continue;
    }
    kept.push(row);
  }
  return { byId, rows: kept };
}
