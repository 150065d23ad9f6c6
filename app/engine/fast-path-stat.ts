import { isSyncError } from '../errors/sync-error.js';
import type { FileStat, FileSystem } from '../ports/file-system.js';

/**
 * The watcher's fast-path stat: beneath the folder root, never through a symbolic link (issue 11:
 * `stat(join(root, path))` followed a subdirectory swapped for a link and queued the link
 * target's file). 'ask-uploader' when the path goes through a link, or was swapped while it was
 * stat'ed: the caller queues it anyway, so that the uploader, which opens it the same careful
 * way, reports it (outside-folder) instead of the path being dropped without a word.
 */
export async function fastPathStat(
  fs: FileSystem,
  root: string,
  relativePath: string,
): Promise<FileStat | null | 'ask-uploader'> {
  try {
    return await fs.statBeneath(root, relativePath);
  } catch (error) {
    if (isSyncError(error) && (error.code === 'outside-folder' || error.code === 'file-changed')) {
      return 'ask-uploader';
    }
    throw error;
  }
}
