import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * One engine per state directory: two engines on one journal (the desktop app and a
 * `ferry sync` in a terminal, say) would both upload every change and race on the checkpoints.
 * A lock file holds the owner's PID; a lock whose process is gone (a crash, a SIGKILL) is stale
 * and taken over.
 */
export class StateDirLock {
  private constructor(private readonly path: string) {}

  static acquire(stateDir: string): StateDirLock {
    const path = join(stateDir, 'ferry.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
        return new StateDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new SyncError(
          'config-invalid',
          'fatal',
          `Another Ferry (process ${owner}) is already syncing with the state directory ${stateDir}.`,
          {
            hint: 'Stop the other one (the desktop app, ferry sync or ferry serve), or give this config its own stateDir.',
          },
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
    throw new SyncError('config-invalid', 'fatal', `Cannot lock the state directory ${stateDir}.`, {
      hint: `Remove ${path} if no Ferry is running.`,
    });
  }

  release(): void {
    if (readOwner(this.path) === process.pid) rmSync(this.path, { force: true });
  }
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
