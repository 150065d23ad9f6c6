import type { Transfer } from '../transfer/transfer.js';
import { transferNoteCodes } from './transfer-note.js';
import type { TransferView } from './views.js';

/**
 * The one way a transfer crosses to the UI (the push feed, `transfers:list`): a copy naming each
 * field the view declares, so the queue's record never does. The queue mutates its records in
 * place, so a copy is also a consistent snapshot of one moment. What stays behind: how the engine
 * opens a file found inside a dropped folder (`drop.beneath`: the dropped root and the path below
 * it; issue 11) and any field `Transfer` gains later until `TransferView` names it.
 */
export function toTransferView(transfer: Readonly<Transfer>): TransferView {
  const { drop } = transfer;
  const noteCodes = transferNoteCodes(transfer.note);
  return {
    id: transfer.id,
    folderId: transfer.folderId,
    relativePath: transfer.relativePath,
    kind: transfer.kind,
    origin: transfer.origin,
    drop: drop ? { absolutePath: drop.absolutePath, remoteKey: drop.remoteKey } : null,
    size: transfer.size,
    bytesDone: transfer.bytesDone,
    state: transfer.state,
    retryAt: transfer.retryAt,
    error: transfer.error,
    note: transfer.note,
    ...(noteCodes === null ? {} : { noteCodes }),
    partsReused: transfer.partsReused,
    startedAt: transfer.startedAt,
    finishedAt: transfer.finishedAt,
    ...(transfer.queuedAt === undefined ? {} : { queuedAt: transfer.queuedAt }),
    ...(transfer.remoteKey === undefined ? {} : { remoteKey: transfer.remoteKey }),
    ...(transfer.attempts === undefined ? {} : { attempts: transfer.attempts }),
    ...(transfer.quiet === undefined ? {} : { quiet: transfer.quiet }),
  };
}
