import type { FolderSpec } from '../sync/folder-spec.js';
import { toObjectKey } from '../sync/object-key.js';
import type { Transfer } from '../transfer/transfer.js';

/**
 * The running upload that sends `key` to `bucket`: a drop by its own key, a folder's file by the
 * key its folder maps it to (the same toObjectKey the runner uses). Lets a store-level warning
 * (token-life-guard.ts) reach the transfer's row; undefined when none matches.
 */
export function transferForObject(
  transfers: readonly Transfer[],
  folders: readonly FolderSpec[],
  bucket: string,
  key: string,
): Transfer | undefined {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  return transfers.find((transfer) => {
    if (transfer.kind !== 'upload' || transfer.state !== 'uploading') return false;
    const folder = byId.get(transfer.folderId);
    if (!folder || folder.bucket !== bucket) return false;
    if (transfer.drop) return transfer.drop.remoteKey === key;
    try {
      return toObjectKey(folder.prefix, transfer.relativePath, folder.keyRules) === key;
    } catch {
      return false; // a name no store can hold never reached the store
    }
  });
}
