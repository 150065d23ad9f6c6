import { closeSync, fstatSync, readSync, type Stats } from 'node:fs';
import { sep } from 'node:path';

import { SyncError } from '../../../app/errors/sync-error.js';
import type { FileStat, OpenFile } from '../../../app/ports/file-system.js';

import {
  closeAsync,
  fstatAsync,
  lstatAsync,
  openNoFollowAsync,
  readAsync,
  realpathAsync,
} from './fs-callbacks.js';
import { kindOf, toFileStat } from './file-stat.js';
import { translateFsError } from './fs-errors.js';
import { throughLinkError, type BeneathCalls, type NodeInfo } from './open-beneath.js';
import { THREAD_POOL_ONLY, type SyncCallGate } from './sync-call-gate.js';

/** What NodeOpenFile needs of the gate (sync-call-gate.ts). */
export type CallGate = Pick<SyncCallGate, 'synchronous' | 'run'>;

/** open-beneath.ts on the real disk: file descriptors as handles. */
export const nodeBeneathCalls: BeneathCalls<number> = {
  separator: sep,
  realpath: realpathAsync,
  lstat: async (path) => nodeInfo(await lstatAsync(path)),
  openNoFollow: openNoFollowAsync,
  fstat: async (fd) => nodeInfo(await fstatAsync(fd)),
  close: closeAsync,
};

function nodeInfo(info: Stats): NodeInfo {
  return {
    kind: kindOf(info),
    dev: info.dev,
    ino: info.ino,
    size: info.size,
    mtimeMs: info.mtimeMs,
  };
}

/**
 * A file the user chose by its absolute path (a drop): the directories on the way are the
 * user's choice, but the file itself must not be a link, and the handle must be the file the
 * path names (checked by dev/ino: on Windows, without O_NOFOLLOW, that is what refuses a link).
 */
export async function openFileNoFollow(path: string): Promise<NodeOpenFile> {
  let fd: number;
  try {
    fd = await openNoFollowAsync(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw throughLinkError(path, path);
    throw translateFsError(error, path);
  }
  try {
    const [info, atPath] = await Promise.all([fstatAsync(fd), lstatAsync(path)]);
    if (atPath.isSymbolicLink()) throw throughLinkError(path, path);
    if (!info.isFile()) {
      throw new SyncError('file-unreadable', 'no-retry', `${path} is not a regular file.`, {
        hint: 'Only regular files can be uploaded.',
      });
    }
    if (info.dev !== atPath.dev || info.ino !== atPath.ino) {
      throw new SyncError('file-changed', 'retry', `${path} was replaced while Ferry opened it.`);
    }
    return new NodeOpenFile(fd, toFileStat(info), path);
  } catch (error) {
    await closeAsync(fd).catch(() => {});
    throw translateFsError(error, path);
  }
}

/**
 * Reads up to this size run synchronously while the gate allows (sync-call-gate.ts): a small
 * file's one read then costs a syscall instead of a thread-pool round trip, and a disk slow to
 * answer still trips the gate. Parts and larger single PUTs are always read on the thread pool.
 */
const SYNC_READ_MAX_BYTES = 64 * 1024;

/** An open file descriptor; reads are positional (pread), so parts may read it concurrently. */
export class NodeOpenFile implements OpenFile {
  private reading = 0;
  private closing: Promise<void> | undefined;
  private whenIdle: (() => void) | undefined;

  /** `gate` says whether restat and close may be synchronous (contents are always read
   *  through the thread pool: a read may wait for the disk). */
  constructor(
    private readonly fd: number,
    readonly stat: FileStat,
    private readonly path: string,
    private readonly gate: CallGate = THREAD_POOL_ONLY,
  ) {}

  async readInto(offset: number, target: Uint8Array): Promise<number> {
    checkRange(offset, target.byteLength);
    if (this.closing) {
      throw new SyncError('internal', 'fatal', `read of ${this.path} after its handle was closed.`);
    }
    this.reading += 1;
    try {
      const gate = this.gate;
      if (target.byteLength <= SYNC_READ_MAX_BYTES && gate.synchronous) {
        return gate.run(() => this.readSyncInto(offset, target));
      }
      let filled = 0;
      // read() may return less than asked before end of file; only 0 means the end.
      while (filled < target.byteLength) {
        const bytesRead = await readAsync(this.fd, target, filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled;
    } catch (error) {
      throw translateFsError(error, this.path);
    } finally {
      this.reading -= 1;
      if (this.reading === 0) this.whenIdle?.();
    }
  }

  private readSyncInto(offset: number, target: Uint8Array): number {
    let filled = 0;
    while (filled < target.byteLength) {
      const bytesRead = readSync(
        this.fd,
        target,
        filled,
        target.byteLength - filled,
        offset + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  }

  async restat(): Promise<FileStat> {
    try {
      const gate = this.gate;
      return toFileStat(
        gate.synchronous ? gate.run(() => fstatSync(this.fd)) : await fstatAsync(this.fd),
      );
    } catch (error) {
      throw translateFsError(error, this.path);
    }
  }

  /**
   * Waits for reads in flight first: the kernel hands a closed descriptor's number to the next
   * open, and a late read would then return another file's bytes.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.reading > 0) await new Promise<void>((resolve) => (this.whenIdle = resolve));
      // Read-only: a failed close loses nothing.
      if (!this.gate.synchronous) return closeAsync(this.fd).catch(() => {});
      try {
        this.gate.run(() => closeSync(this.fd));
      } catch {
        // nothing to do
      }
    })();
    return this.closing;
  }
}

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new SyncError('internal', 'fatal', `read(${offset}, ${length}): bad range.`);
  }
}
