import type { FileSystem } from '../ports/file-system.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import { toObjectKey } from '../sync/object-key.js';
import type { Transfer } from '../transfer/transfer-queue.js';
import type { UploadTarget } from '../transfer/upload-target.js';

/**
 * Where a queued upload reads from and writes to: a folder's file (opened beneath the folder
 * root, keyed via toObjectKey) or a one-off drop (its key chosen when it was dropped).
 * Throws toObjectKey's invalid-name for a path no store can hold.
 */
export function transferTarget(
  fs: FileSystem,
  folder: FolderSpec,
  transfer: Transfer,
): UploadTarget {
  if (transfer.drop) {
    const { drop } = transfer;
    return {
      // Drops keep their multipart checkpoints apart from the folder's files; a restart
      // finds no folder of that id and aborts them (a drop is not re-queued after a restart).
      folderId: `drop:${folder.id}`,
      relativePath: drop.remoteKey,
      absolutePath: drop.absolutePath,
      ...(drop.beneath
        ? { root: drop.beneath.root, pathBelowRoot: drop.beneath.relativePath }
        : {}),
      bucket: folder.bucket,
      remoteKey: drop.remoteKey,
      oneOff: true,
    };
  }
  return {
    folderId: folder.id,
    relativePath: transfer.relativePath,
    absolutePath: fs.join(folder.root, transfer.relativePath),
    root: folder.root, // opened beneath it, never through a link (issue 11)
    bucket: folder.bucket,
    remoteKey: toObjectKey(folder.prefix, transfer.relativePath, folder.keyRules),
  };
}
