import type { FileSystem } from '../ports/file-system.js';
import type { Journal } from '../ports/journal.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { FolderSpec } from '../sync/folder-spec.js';

export interface AbandonedUploadsDependencies {
  readonly journal: Journal;
  readonly fs: FileSystem;
  readonly logger: Logger;
  /** By folder id. */
  readonly folders: ReadonlyMap<string, FolderSpec>;
  /** By profile id. */
  readonly stores: ReadonlyMap<string, ObjectStore>;
}

/**
 * Multipart uploads whose file is gone or changed will never be completed: abort them so the
 * store does not keep (and bill) their parts. Files still the same are resumed by the uploader.
 * The journal's checkpoints name them; uploads no checkpoint names are the orphan sweep's
 * (orphan-upload-sweep.ts).
 */
export async function abortAbandonedUploads(
  dependencies: AbandonedUploadsDependencies,
): Promise<void> {
  const { journal, fs, logger, folders, stores } = dependencies;
  for (const checkpoint of journal.listCheckpoints()) {
    const folder = folders.get(checkpoint.folderId);
    const stat = folder
      ? // A path through a link (outside-folder) counts as gone: the upload is aborted.
        await fs.statBeneath(folder.root, checkpoint.relativePath).catch(() => null)
      : null;
    if (
      folder &&
      stat?.kind === 'file' &&
      stat.size === checkpoint.size &&
      stat.mtimeMs === checkpoint.mtimeMs
    ) {
      continue;
    }
    const store = folder ? stores.get(folder.profileId) : undefined;
    try {
      await store?.abortMultipart({
        bucket: checkpoint.bucket,
        key: checkpoint.remoteKey,
        uploadId: checkpoint.uploadId,
      });
    } catch (error) {
      logger.warn('could not abort an abandoned multipart upload', {
        key: checkpoint.remoteKey,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    journal.deleteCheckpoint(checkpoint.folderId, checkpoint.relativePath);
  }
}
