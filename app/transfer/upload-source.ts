import { SyncError } from '../errors/sync-error.js';
import type { FileStat, FileSystem, OpenFile } from '../ports/file-system.js';
import type { UploadTarget } from './upload-target.js';

/*
 * Where an upload's bytes come from. A folder's file is reached only beneath the folder's root,
 * never through a symbolic link (issue 11: a subdirectory swapped for a link made Ferry upload
 * the link target's files), and so is a file inside a dropped folder; a file dropped by itself
 * is the one the user chose, its last component not followed.
 */

/** The file's stat now, as openSource would see it (null when it is gone). */
export function statSource(fs: FileSystem, target: UploadTarget): Promise<FileStat | null> {
  return target.root === undefined
    ? fs.stat(oneOffPath(target))
    : fs.statBeneath(target.root, target.pathBelowRoot ?? target.relativePath);
}

/** Opens the file to upload; the caller reads everything from it and closes it. */
export function openSource(fs: FileSystem, target: UploadTarget): Promise<OpenFile> {
  return target.root === undefined
    ? fs.openFile(oneOffPath(target))
    : fs.openBeneath(target.root, target.pathBelowRoot ?? target.relativePath);
}

function oneOffPath(target: UploadTarget): string {
  // A folder's file without its root would be opened by path, following links on the way.
  if (target.oneOff !== true) {
    throw new SyncError(
      'internal',
      'fatal',
      `${target.relativePath}: upload target without its folder root.`,
    );
  }
  return target.absolutePath;
}
