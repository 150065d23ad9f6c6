import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Directories listed at once: enough to keep the thread pool busy, few enough to stay lean. */
const PARALLEL_LISTINGS = 16;

export interface CrawlVisitor {
  /** Asked for every entry, a directory only after its parent was not ignored. */
  readonly isIgnored: (relativePath: string, isDirectory: boolean) => boolean;
  /** A directory that is not ignored (its contents are listed next, unless `descend` is false). */
  readonly onDirectory?: (relativePath: string) => void;
  /** List the directories below `start` too (default), or only `start` itself. */
  readonly descend?: boolean;
  /** Anything else that is not ignored: files, and symlinks (never followed). */
  readonly onFile?: (relativePath: string) => void;
  /** An ignored directory: not listed. */
  readonly onIgnoredDirectory?: (relativePath: string) => void;
  /** Stops the crawl early (the watcher was closed). */
  readonly cancelled?: () => boolean;
}

/**
 * Lists every directory below `start` ('' is the root; `start` itself is not reported), several
 * at a time. Files are asked about only when `onFile` wants them (the start-up crawl needs the
 * directories alone). A directory that vanishes or cannot be read is skipped: the scanner
 * reports unreadable paths, and a watcher could not see inside them anyway.
 */
export async function crawlDirectories(
  root: string,
  start: string,
  visitor: CrawlVisitor,
): Promise<void> {
  const queue = [start];
  const list = async (directory: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(directory === '' ? root : join(root, directory), {
        withFileTypes: true,
      });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relativePath = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.isDirectory()) {
        if (visitor.isIgnored(relativePath, true)) {
          visitor.onIgnoredDirectory?.(relativePath);
        } else {
          visitor.onDirectory?.(relativePath);
          if (visitor.descend !== false) queue.push(relativePath);
        }
      } else if (visitor.onFile && !visitor.isIgnored(relativePath, false)) {
        visitor.onFile(relativePath);
      }
    }
  };
  let active = 0;
  await new Promise<void>((done, fail) => {
    const pump = () => {
      while (active < PARALLEL_LISTINGS && queue.length > 0 && !visitor.cancelled?.()) {
        const directory = queue.pop() as string;
        active += 1;
        list(directory).then(() => {
          active -= 1;
          pump();
        }, fail);
      }
      if (active === 0 && (queue.length === 0 || visitor.cancelled?.())) done();
    };
    pump();
  });
}
