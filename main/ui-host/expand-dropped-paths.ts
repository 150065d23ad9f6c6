import { lstat, readdir } from 'node:fs/promises';
import { basename, isAbsolute, join, sep } from 'node:path';

import { toObjectKey } from '../../app/sync/object-key.js';
import { isSyncError, SyncError } from '../../app/errors/sync-error.js';

export interface DroppedFile {
  readonly absolutePath: string;
  /** Below the folder's prefix: the sub-prefix, then the dropped item's name and inner path. */
  readonly relativeKey: string;
  readonly size: number;
  /** Inside a dropped folder: that folder and the path below it. The upload opens the file
   *  beneath it, so a directory swapped for a link meanwhile cannot lead outside (issue 11). */
  readonly beneath?: { readonly root: string; readonly relativePath: string };
}

export interface ExpandedDrop {
  readonly files: DroppedFile[];
  /** Paths not uploaded, each with the reason ("link: not followed", "not absolute"…). */
  readonly skipped: string[];
}

/** A drop of a whole disk must not freeze the engine or queue a million uploads by accident. */
export const MAX_DROPPED_FILES = 100_000;

/**
 * Turns the paths the UI sent (untrusted: a renderer could send anything) into files to upload.
 * Only absolute paths of existing regular files and directories are accepted; directories are
 * walked; symbolic links are not followed (a link can point anywhere, including in a loop);
 * names that cannot be object keys are skipped with the reason.
 */
export async function expandDroppedPaths(
  paths: readonly string[],
  subPrefix: string,
  folderPrefix: string,
): Promise<ExpandedDrop> {
  const files: DroppedFile[] = [];
  const skipped: string[] = [];
  const base = normaliseSubPrefix(subPrefix);

  const addFile = (
    absolutePath: string,
    key: string,
    size: number,
    beneath?: DroppedFile['beneath'],
  ) => {
    try {
      toObjectKey(folderPrefix, key);
    } catch (error) {
      skipped.push(`${absolutePath}: ${isSyncError(error) ? error.message : String(error)}`);
      return;
    }
    files.push({ absolutePath, relativeKey: key, size, ...(beneath ? { beneath } : {}) });
  };

  /** `dropped`: the folder the user dropped; `inner`: this directory's path below it. */
  const walk = async (
    directory: string,
    keyBase: string,
    dropped: string,
    inner: string,
  ): Promise<void> => {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      skipped.push(
        `${directory}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_DROPPED_FILES) return;
      const absolutePath = join(directory, entry.name);
      const key = `${keyBase}${entry.name}`;
      const below = inner === '' ? entry.name : `${inner}/${entry.name}`;
      if (entry.isDirectory()) await walk(absolutePath, `${key}/`, dropped, below);
      else if (entry.isFile()) {
        const stat = await lstat(absolutePath).catch(() => null);
        if (stat?.isFile()) {
          addFile(absolutePath, key, stat.size, { root: dropped, relativePath: below });
        }
      } else skipped.push(`${absolutePath}: not a regular file (links are not followed)`);
    }
  };

  for (const path of paths) {
    if (!isAbsolute(path) || path.split(sep).includes('..')) {
      skipped.push(`${path}: not an absolute path`);
      continue;
    }
    const stat = await lstat(path).catch(() => null);
    if (!stat) skipped.push(`${path}: does not exist`);
    else if (stat.isFile()) addFile(path, `${base}${basename(path)}`, stat.size);
    else if (stat.isDirectory()) await walk(path, `${base}${basename(path)}/`, path, '');
    else skipped.push(`${path}: not a regular file or folder (links are not followed)`);
    if (files.length >= MAX_DROPPED_FILES) {
      skipped.push(`more than ${MAX_DROPPED_FILES} files: the rest of the drop was not queued`);
      break;
    }
  }
  return { files, skipped };
}

/** "", "a/b/" — leading and doubled slashes removed, a trailing one added. */
export function normaliseSubPrefix(subPrefix: string): string {
  const parts = subPrefix.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw new SyncError('bad-request', 'no-retry', `The sub-prefix "${subPrefix}" contains "..".`, {
      hint: 'Choose a sub-prefix below the folder\'s prefix, e.g. "inbox/".',
    });
  }
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}
