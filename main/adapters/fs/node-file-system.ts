import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type {
  FileStat,
  FileSystem,
  OpenFile,
  WalkEntry,
  WalkOptions,
} from '../../../app/ports/file-system.js';

import { lstatAsync } from './fs-callbacks.js';
import { toFileStat } from './file-stat.js';
import { isMissing, translateFsError } from './fs-errors.js';
import { walkFolder, type WalkTuning } from './folder-walk.js';
import { nodeBeneathCalls, NodeOpenFile, openFileNoFollow } from './node-open-file.js';
import { openBeneath, statBeneath, toFileStat as beneathStat } from './open-beneath.js';
import {
  openBeneathProc,
  openBeneathProcSync,
  procFdAvailable,
  procFdKnown,
  statBeneathProc,
  statBeneathProcSync,
} from './open-beneath-proc.js';
import { SyncCallGate, THREAD_POOL_ONLY, type SyncCallGateOptions } from './sync-call-gate.js';

// The fake (test/fakes/memory-file-system.ts) and tests import the errors from here.
export { brokenLinkError, symlinkLoopError, translateFsError, walkRootError } from './fs-errors.js';

export interface NodeFileSystemOptions extends WalkTuning {
  /**
   * How paths beneath a folder are opened without following links: 'auto' (default) uses
   * /proc/self/fd lookups where Linux has them (open-beneath-proc.ts: no race window) and the
   * portable check-open-recheck elsewhere; 'portable' forces the latter (tests run both).
   */
  readonly beneath?: 'auto' | 'portable';
  /**
   * The /proc/self/fd opens, stats and closes of an upload run synchronously while the disk
   * answers in microseconds (sync-call-gate.ts says why and when they stop): true (default)
   * with the gate's defaults, or the gate's tuning; false keeps every call on the thread pool.
   */
  readonly synchronousCalls?: boolean | SyncCallGateOptions;
}

/** The local disk through node:fs. */
export class NodeFileSystem implements FileSystem {
  private readonly gate: Pick<SyncCallGate, 'synchronous' | 'run'>;

  constructor(private readonly options: NodeFileSystemOptions = {}) {
    const synchronous = options.synchronousCalls ?? true;
    this.gate =
      synchronous === false
        ? THREAD_POOL_ONLY
        : new SyncCallGate(synchronous === true ? {} : synchronous);
  }

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

  async statBeneath(root: string, relativePath: string): Promise<FileStat | null> {
    try {
      if (await this.useProcFd()) {
        const gate = this.gate;
        const info = gate.synchronous
          ? gate.run(() => statBeneathProcSync(root, relativePath))
          : await statBeneathProc(root, relativePath);
        return info && toFileStat(info);
      }
      const info = await statBeneath(nodeBeneathCalls, root, relativePath);
      return info && beneathStat(info);
    } catch (error) {
      throw translateFsError(error, this.join(root, relativePath));
    }
  }

  async openBeneath(root: string, relativePath: string): Promise<OpenFile> {
    try {
      if (await this.useProcFd()) {
        const gate = this.gate;
        const { fd, info, absolutePath } = gate.synchronous
          ? gate.run(() => openBeneathProcSync(root, relativePath))
          : await openBeneathProc(root, relativePath);
        return new NodeOpenFile(fd, toFileStat(info), absolutePath, gate);
      }
      const opened = await openBeneath(nodeBeneathCalls, root, relativePath);
      return new NodeOpenFile(opened.handle, beneathStat(opened.info), opened.absolutePath);
    } catch (error) {
      throw translateFsError(error, this.join(root, relativePath));
    }
  }

  openFile(path: string): Promise<OpenFile> {
    return openFileNoFollow(path);
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

  private async useProcFd(): Promise<boolean> {
    return this.options.beneath !== 'portable' && (procFdKnown() ?? (await procFdAvailable()));
  }
}
