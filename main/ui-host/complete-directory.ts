import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';

import { SyncError } from '../../app/errors/sync-error.js';

/** Enough to fill the suggestion list; a home folder with thousands of entries is cut here. */
export const MAX_DIRECTORY_SUGGESTIONS = 20;

/**
 * The browser's folder picker (`fs:complete-directory`): a browser on `ferry serve` cannot open
 * the system's dialog, so the path field asks the server for the existing directories that
 * complete what was typed. "/home/ann/Doc" lists the directories of "/home/ann" whose name
 * starts with "Doc" (in any case); "/home/ann/" lists all of its directories.
 *
 * Directories only, never file names: the page is not meant to browse the disk, only to find a
 * folder to sync. Symbolic links are not followed (`Dirent` reports the link, not its target),
 * and sockets, FIFOs and devices are never opened, only skipped by their directory entry type.
 * Hidden directories appear only when the typed name starts with ".".
 */
export async function completeDirectory(prefix: string): Promise<readonly string[]> {
  if (!isAbsolute(prefix)) {
    throw new SyncError('bad-request', 'no-retry', `"${prefix}" is not an absolute path.`, {
      hint: 'Type the whole path from the root, e.g. /home/you/Documents or C:\\Users\\you.',
    });
  }
  if (prefix.includes('\0')) {
    throw new SyncError('bad-request', 'no-retry', 'A path cannot contain a NUL character.');
  }
  const endsWithSeparator = prefix.endsWith('/') || prefix.endsWith(sep);
  const parent = endsWithSeparator ? prefix : dirname(prefix);
  const typed = endsWithSeparator ? '' : basename(prefix);
  // The parent itself must be a real directory (not a link to one elsewhere, not a FIFO).
  const parentStat = await lstat(parent).catch(() => null);
  if (!parentStat?.isDirectory()) return [];
  const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
  const wantHidden = typed.startsWith('.');
  // Case-insensitive, as people type ("doc" for Documents); the browser's list filters so too.
  const start = typed.toLowerCase();
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => name.toLowerCase().startsWith(start) && (wantHidden || !name.startsWith('.')))
    .sort((a, b) => a.localeCompare(b))
    .slice(0, MAX_DIRECTORY_SUGGESTIONS)
    .map((name) => join(parent, name));
}
