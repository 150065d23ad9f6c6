import type { Journal } from '../ports/journal.js';
import type { Transfer } from './transfer.js';
import { isFinished, rowKeyOf, type TransferRowStore } from './transfer-rows.js';

/**
 * The transfer list's rows in the journal: ids per (folder, origin, key) for good, and each
 * row's last finished state, so the list survives a settings save, an engine restart and a page
 * reload (issue 13). Rows of folders no longer configured are not loaded (nothing could retry
 * them); the journal prunes them with the rest.
 */
export function journalTransferRows(
  journal: Journal,
  folderIds: ReadonlySet<string>,
): TransferRowStore {
  return {
    idFor: (folderId, origin, rowKey) => journal.transferRowId({ folderId, origin, rowKey }),
    save: (row) => {
      const shown: Partial<Transfer> = { ...row };
      delete shown.quiet;
      journal.putTransferRow({
        id: row.id,
        folderId: row.folderId,
        origin: row.origin,
        rowKey: rowKeyOf(row),
        state: row.state,
        updatedAt: row.finishedAt ?? 0,
        data: JSON.stringify(shown),
      });
    },
    load: () => {
      const rows: Transfer[] = [];
      for (const record of journal.listTransferRows()) {
        if (!folderIds.has(record.folderId)) continue;
        const row = parseRow(record.data);
        // The id and key are the journal's; a row that does not parse (an older or damaged
        // one) is left out rather than shown wrong.
        if (row && isFinished(row)) rows.push({ ...row, id: record.id });
      }
      return rows;
    },
  };
}

function parseRow(data: string): Transfer | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const row = value as Partial<Transfer>;
    const ok =
      typeof row.folderId === 'string' &&
      typeof row.relativePath === 'string' &&
      (row.kind === 'upload' || row.kind === 'delete') &&
      (row.origin === 'sync' || row.origin === 'drop') &&
      typeof row.state === 'string' &&
      typeof row.size === 'number';
    return ok ? (row as Transfer) : null;
  } catch {
    return null;
  }
}
