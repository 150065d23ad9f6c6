import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../../app/errors/sync-error.js';
import {
  openBeneath,
  statBeneath,
  type BeneathCalls,
} from '../../../../../main/adapters/fs/open-beneath.js';
import { MemoryFileSystem } from '../../../../fakes/memory-file-system.js';
import { rejection } from '../../../../support/rejection.js';

const SECRET = 'SECRET from outside the folder';
const INSIDE = 'inside';

/** /root/sub/f.txt inside the folder; /outside/f.txt is what a swapped link would reach. */
function disk(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  fs.writeFile('/root/sub/f.txt', INSIDE);
  fs.writeFile('/outside/f.txt', SECRET);
  return fs;
}

type Swap = (fs: MemoryFileSystem) => void;

const swaps: Record<string, { at: Swap; back?: Swap }> = {
  'directory → link': {
    at: (fs) => {
      fs.rename('/root/sub', '/moved');
      fs.symlink('/root/sub', '/outside');
    },
  },
  // The attacker puts the very same directory (same inode) back right after the open.
  'directory → link → the same directory again': {
    at: (fs) => {
      fs.rename('/root/sub', '/moved');
      fs.symlink('/root/sub', '/outside');
    },
    back: (fs) => {
      fs.remove('/root/sub');
      fs.rename('/moved', '/root/sub');
    },
  },
  'file → link': {
    at: (fs) => {
      fs.remove('/root/sub/f.txt');
      fs.symlink('/root/sub/f.txt', '/outside/f.txt');
    },
  },
  'root → another directory': {
    at: (fs) => {
      fs.rename('/root', '/root-old');
      fs.mkdir('/root');
      fs.symlink('/root/sub', '/outside');
    },
  },
};

/** The fake's calls, with `swap.at` run just before call number `at` (and `back` after it). */
function raced<H>(
  fs: MemoryFileSystem,
  calls: BeneathCalls<H>,
  swap: { at: Swap; back?: Swap },
  at: number,
  backAfter: number,
): BeneathCalls<H> & { count: () => number } {
  let n = 0;
  const step = () => {
    if (n === at) swap.at(fs);
    if (swap.back && n === at + backAfter) swap.back(fs);
    n += 1;
  };
  return {
    separator: calls.separator,
    realpath: (path) => (step(), calls.realpath(path)),
    lstat: (path) => (step(), calls.lstat(path)),
    openNoFollow: (path) => (step(), calls.openNoFollow(path)),
    fstat: (handle) => (step(), calls.fstat(handle)),
    close: (handle) => calls.close(handle),
    count: () => n,
  };
}

/** Calls one unraced open makes: every interleaving below is tried. */
async function callsPerOpen(): Promise<number> {
  const fs = disk();
  const counting = raced(fs, fs.beneathCalls, { at: () => {} }, -1, 0);
  const opened = await openBeneath(counting, '/root', 'sub/f.txt');
  await fs.beneathCalls.close(opened.handle);
  return counting.count();
}

describe('openBeneath with a directory swapped between any two of its calls', () => {
  for (const [name, swap] of Object.entries(swaps)) {
    it(`${name}: never opens the outside file, and leaves no handle open`, async () => {
      const total = await callsPerOpen();
      expect(total).toBeGreaterThan(4);
      const outcomes = new Set<string>();
      for (let at = 0; at <= total; at++) {
        for (const backAfter of swap.back ? [1, 2, 3, 4] : [0]) {
          const fs = disk();
          const calls = raced(fs, fs.beneathCalls, swap, at, backAfter);
          try {
            const opened = await openBeneath(calls, '/root', 'sub/f.txt');
            const content = opened.handle.kind === 'file' ? opened.handle.content : undefined;
            expect(new TextDecoder().decode(content)).toBe(INSIDE);
            outcomes.add('opened the inside file');
            await fs.beneathCalls.close(opened.handle);
          } catch (error) {
            const code = (error as { code?: string }).code ?? String(error);
            expect(['outside-folder', 'file-changed', 'ENOENT']).toContain(code);
            outcomes.add(code);
          }
          expect(fs.openHandles).toBe(0);
        }
      }
      // The race is really run: some interleavings are caught, the one before any call too.
      expect([...outcomes].some((outcome) => outcome !== 'opened the inside file')).toBe(true);
    });
  }
});

describe('statBeneath with a directory swapped between any two of its calls', () => {
  for (const [name, swap] of Object.entries(swaps)) {
    it(`${name}: never reports the outside file's stat`, async () => {
      for (let at = 0; at <= 8; at++) {
        for (const backAfter of swap.back ? [1, 2, 3] : [0]) {
          const fs = disk();
          const calls = raced(fs, fs.beneathCalls, swap, at, backAfter);
          const result = await statBeneath(calls, '/root', 'sub/f.txt').catch(
            (error: { code?: string }) => error.code ?? 'no code',
          );
          if (typeof result === 'string') {
            expect(['outside-folder', 'file-changed']).toContain(result);
          } else if (result !== null && result.kind === 'file') {
            expect(result.size).toBe(INSIDE.length); // the inside file, not the outside one
          }
        }
      }
    });
  }
});

describe('MemoryFileSystem.openBeneath / statBeneath (the port contract)', () => {
  it('opens and reads a file beneath the root; the root itself may be a link', async () => {
    const fs = disk();
    fs.symlink('/configured-root', '/root');
    const file = await fs.openBeneath('/configured-root', 'sub/f.txt');
    const bytes = new Uint8Array(10);
    expect(await file.readInto(0, bytes)).toBe(INSIDE.length);
    expect(new TextDecoder().decode(bytes.subarray(0, INSIDE.length))).toBe(INSIDE);
    expect(file.stat).toMatchObject({ kind: 'file', size: INSIDE.length });
    await file.close();
    await file.close(); // idempotent
    expect(fs.openHandles).toBe(0);
  });

  it('refuses a path through a symlinked directory: outside-folder, saying which link', async () => {
    const fs = disk();
    fs.symlink('/root/linked', '/outside');
    for (const attempt of [
      () => fs.openBeneath('/root', 'linked/f.txt'),
      () => fs.statBeneath('/root', 'linked/f.txt'),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ code: 'outside-folder', disposition: 'no-retry' });
      expect(error.message).toContain('goes through a symbolic link ("linked")');
    }
    expect(fs.openHandles).toBe(0);
  });

  it('refuses a link as the last component; statBeneath reports it as a link', async () => {
    const fs = disk();
    fs.symlink('/root/sub/link.txt', '/outside/f.txt');
    const error = await rejection(fs.openBeneath('/root', 'sub/link.txt'));
    expect(error).toMatchObject({ code: 'outside-folder' });
    expect(error.message).toContain('is a symbolic link');
    expect(await fs.statBeneath('/root', 'sub/link.txt')).toMatchObject({ kind: 'symlink' });
  });

  it('openFile (drops) refuses a link as the file itself, like the real adapter', async () => {
    const fs = disk();
    fs.symlink('/tmp/link.txt', '/outside/f.txt');
    expect(await rejection(fs.openFile('/tmp/link.txt'))).toMatchObject({
      code: 'outside-folder',
    });
    fs.symlink('/via', '/root');
    const file = await fs.openFile('/via/sub/f.txt'); // directories on the way may be links
    expect(file.stat.size).toBe(INSIDE.length);
    await file.close();
  });

  it('refuses relative paths that are not plainly inside', async () => {
    const fs = disk();
    for (const path of ['../outside/f.txt', 'sub/../../outside/f.txt', 'sub//f.txt', '', './f']) {
      expect(await rejection(fs.openBeneath('/root', path))).toMatchObject({
        code: 'outside-folder',
      });
    }
  });

  it('a missing file or a file where a directory was is gone (vanished / null)', async () => {
    const fs = disk();
    fs.writeFile('/root/plain', 'a file, not a folder');
    expect(await fs.statBeneath('/root', 'sub/missing.txt')).toBeNull();
    expect(await fs.statBeneath('/root', 'plain/f.txt')).toBeNull();
    expect(await rejection(fs.openBeneath('/root', 'plain/f.txt'))).toMatchObject({
      code: 'file-vanished',
    });
    expect(await rejection(fs.openBeneath('/root', 'sub/missing.txt'))).toMatchObject({
      code: 'file-vanished',
    });
  });

  it('an open handle keeps reading the file it opened after its directory is swapped', async () => {
    const fs = disk();
    const file = await fs.openBeneath('/root', 'sub/f.txt');
    swaps['directory → link']?.at(fs);
    const bytes = new Uint8Array(64);
    const read = await file.readInto(0, bytes);
    expect(new TextDecoder().decode(bytes.subarray(0, read))).toBe(INSIDE);
    await file.close();
  });
});
