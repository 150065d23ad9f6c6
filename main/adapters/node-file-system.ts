import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SyncError } from '../../app/errors/sync-error.js';
import type { FileStat, FileSystem, WalkEntry, WalkOptions } from '../../app/ports/file-system.js';

import { closeAsync, lstatAsync, openAsync, readAsync, toFileStat } from './fs/fs-callbacks.js';
import { isMissing, translateFsError } from './fs/fs-errors.js';
import { walkFolder, type WalkTuning } from './fs/folder-walk.js';

// The fake (test/fakes/memory-file-system.ts) and tests import the errors from here.
export {
  brokenLinkError,
  symlinkLoopError,
  translateFsError,
  walkRootError,
} from './fs/fs-errors.js';

export type NodeFileSystemOptions = WalkTuning;

/** The local disk through node:fs. */
export class NodeFileSystem implements FileSystem {
  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  async stat(path: string): Promise<FileStat | null> {
    try {
      return toFileStat(await lstatAsync(path));
    } catch (error) {
      if (isMissing(error)) return null;
      throw translateFsError(error, path);
    }
  }

  /** See main/adapters/fs/folder-walk.ts. */
  walk(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
    return walkFolder(root, options, this.options);
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    checkRange(offset, length);
    const buffer = new Uint8Array(length);
    const filled = await this.readInto(path, offset, buffer);
    return filled === length ? buffer : buffer.subarray(0, filled);
  }

  async readInto(path: string, offset: number, target: Uint8Array): Promise<number> {
    checkRange(offset, target.byteLength);
    // The callback API: fs/promises' FileHandle costs several times more per small file.
    let fd: number;
    try {
      fd = await openAsync(path);
    } catch (error) {
      throw translateFsError(error, path);
    }
    try {
      let filled = 0;
      // read() may return less than asked before end of file; only 0 means the end.
      while (filled < target.byteLength) {
        const bytesRead = await readAsync(fd, target, filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled;
    } catch (error) {
      throw translateFsError(error, path);
    } finally {
      await closeAsync(fd).catch(() => {}); // nothing was written: a failed close loses nothing
    }
  }

  async readText(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw translateFsError(error, path);
    }
  }

  join(root: string, relativePath: string): string {
    return relativePath === '' ? root : join(root, ...relativePath.split('/'));
  }
}

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new SyncError('internal', 'fatal', `readRange(${offset}, ${length}): bad range.`);
  }
}
