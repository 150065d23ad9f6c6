import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SyncError } from '../../../app/errors/sync-error.js';
import type { OpenFile } from '../../../app/ports/file-system.js';
import { procFdAvailable } from '../../../main/adapters/fs/open-beneath-proc.js';
import { NodeFileSystem } from '../../../main/adapters/fs/node-file-system.js';
import { rejection } from '../../support/rejection.js';

const SECRET = 'SECRET-from-outside-the-folder';
let base: string;
let root: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ferry-beneath-'));
  root = join(base, 'root');
  await mkdir(join(root, 'sub'), { recursive: true });
  await mkdir(join(base, 'outside'));
  await writeFile(join(root, 'sub', 'f.txt'), 'hello world');
  await writeFile(join(base, 'outside', 'f.txt'), SECRET);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function readAll(file: OpenFile): Promise<string> {
  const bytes = new Uint8Array(file.stat.size + 16);
  const read = await file.readInto(0, bytes);
  return new TextDecoder().decode(bytes.subarray(0, read));
}

const strategies = [
  ['/proc/self/fd (Linux), synchronous calls', new NodeFileSystem()],
  ['/proc/self/fd (Linux), thread pool', new NodeFileSystem({ synchronousCalls: false })],
  // Every call "slow": the gate flips between synchronous calls and the thread pool.
  [
    '/proc/self/fd (Linux), gate flipping',
    new NodeFileSystem({ synchronousCalls: { slowMs: 0, slowInARow: 1, asyncForMs: 1 } }),
  ],
  ['portable checks', new NodeFileSystem({ beneath: 'portable' })],
] as const;

describe.each(strategies)('NodeFileSystem.openBeneath / statBeneath: %s', (_name, fs) => {
  it('reads ranges byte-exactly from the handle (fewer bytes at the end)', async () => {
    const file = await fs.openBeneath(root, 'sub/f.txt');
    try {
      expect(file.stat).toMatchObject({ kind: 'file', size: 11 });
      for (const [offset, length, expected] of [
        [0, 5, 'hello'],
        [6, 5, 'world'],
        [6, 100, 'world'],
        [11, 5, ''],
        [50, 5, ''],
        [3, 0, ''],
      ] as const) {
        const bytes = new Uint8Array(length);
        const read = await file.readInto(offset, bytes);
        expect(new TextDecoder().decode(bytes.subarray(0, read))).toBe(expected);
      }
      const data = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31 + (i >> 10)) & 0xff);
      await writeFile(join(root, 'big.bin'), data);
      const big = await fs.openBeneath(root, 'big.bin');
      const part = new Uint8Array(2 * 1024 * 1024);
      const read = await big.readInto(1024 * 1024 - 3, part);
      expect(read).toBe(part.length);
      expect(Buffer.from(part).equals(data.subarray(1024 * 1024 - 3, 3 * 1024 * 1024 - 3))).toBe(
        true,
      );
      await big.close();
    } finally {
      await file.close();
    }
  });

  it('refuses a symlinked directory on the way: outside-folder, naming the link', async () => {
    await symlink(join(base, 'outside'), join(root, 'linked'));
    for (const attempt of [
      () => fs.openBeneath(root, 'linked/f.txt'),
      () => fs.statBeneath(root, 'linked/f.txt'),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ code: 'outside-folder', disposition: 'no-retry' });
      expect(error.message).toContain('goes through a symbolic link ("linked")');
    }
  });

  it('refuses a link as the last component; statBeneath reports it as a link', async () => {
    await symlink(join(base, 'outside', 'f.txt'), join(root, 'sub', 'link.txt'));
    expect(await rejection(fs.openBeneath(root, 'sub/link.txt'))).toMatchObject({
      code: 'outside-folder',
    });
    expect(await fs.statBeneath(root, 'sub/link.txt')).toMatchObject({ kind: 'symlink' });
  });

  it('follows the root itself when it is a link (the user configured it)', async () => {
    await symlink(root, join(base, 'configured'));
    const file = await fs.openBeneath(join(base, 'configured'), 'sub/f.txt');
    expect(await readAll(file)).toBe('hello world');
    await file.close();
    expect(await fs.statBeneath(join(base, 'configured'), 'sub/f.txt')).toMatchObject({
      kind: 'file',
      size: 11,
    });
  });

  it('a FIFO does not block the open: not a regular file', async () => {
    execFileSync('mkfifo', [join(root, 'sub', 'pipe')]);
    expect(await rejection(fs.openBeneath(root, 'sub/pipe'))).toMatchObject({
      code: 'file-unreadable',
    });
  });

  it('missing, or a file where a directory was: vanished / null', async () => {
    await writeFile(join(root, 'plain'), 'a file, not a folder');
    expect(await fs.statBeneath(root, 'sub/missing.txt')).toBeNull();
    expect(await fs.statBeneath(root, 'plain/f.txt')).toBeNull();
    expect(await rejection(fs.openBeneath(root, 'sub/missing.txt'))).toMatchObject({
      code: 'file-vanished',
    });
    expect(await rejection(fs.openBeneath(root, 'plain/f.txt'))).toMatchObject({
      code: 'file-vanished',
    });
    expect(await rejection(fs.openBeneath(root, '../outside/f.txt'))).toMatchObject({
      code: 'outside-folder',
    });
  });

  it('the handle keeps reading the opened file after its directory is swapped for a link', async () => {
    const file = await fs.openBeneath(root, 'sub/f.txt');
    await rm(join(root, 'sub'), { recursive: true });
    await symlink(join(base, 'outside'), join(root, 'sub'));
    expect(await readAll(file)).toBe('hello world');
    expect(await file.restat()).toMatchObject({ size: 11 });
    await file.close();
    await expect(file.readInto(0, new Uint8Array(1))).rejects.toThrow(/closed/);
  });
});

describe('NodeFileSystem.openFile (drops)', () => {
  const fs = new NodeFileSystem();

  it('opens a path whose directories are links, but not a link itself', async () => {
    await symlink(root, join(base, 'via-link'));
    const file = await fs.openFile(join(base, 'via-link', 'sub', 'f.txt'));
    expect(await readAll(file)).toBe('hello world');
    await file.close();
    await symlink(join(base, 'outside', 'f.txt'), join(base, 'link.txt'));
    expect(await rejection(fs.openFile(join(base, 'link.txt')))).toMatchObject({
      code: 'outside-folder',
    });
  });
});

describe('synchronous calls (sync-call-gate.ts)', () => {
  it('a loop of stats that never waits for I/O still lets the event loop turn', async () => {
    if (!(await procFdAvailable())) return;
    const fs = new NodeFileSystem();
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let calls = 0;
    // Each stat resolves on a microtask when synchronous: without the gate's slice this loop
    // would never let the timer run (it stops at the bound and fails).
    while (!timerRan && calls < 200_000) {
      await fs.statBeneath(root, 'sub/f.txt');
      calls += 1;
    }
    expect(timerRan).toBe(true);
  });
});

/**
 * A second process flips `root/sub` between the real directory and a link to the outside one
 * as fast as it can while this one opens `sub/f.txt` over and over: with /proc/self/fd lookups
 * no interleaving can reach the outside file.
 */
describe('against a process flipping a directory for a link in a tight loop', () => {
  it.each([
    ['synchronous calls', new NodeFileSystem()],
    ['thread pool', new NodeFileSystem({ synchronousCalls: false })],
  ])(
    '/proc/self/fd, %s: never opens or stats the outside file',
    async (_name, fs) => {
      if (!(await procFdAvailable())) return; // not Linux with /proc: the portable path is used
      await writeFile(join(base, 'outside', 'f.txt'), SECRET.padEnd(11 + SECRET.length, '!'));
      const flipper = spawn(
        process.execPath,
        [
          '-e',
          `const fs = require('node:fs');
         const [sub, away, outside] = process.argv.slice(1);
         for (const end = Date.now() + 4000; Date.now() < end; ) {
           try { fs.renameSync(sub, away); fs.symlinkSync(outside, sub);
                 fs.unlinkSync(sub); fs.renameSync(away, sub); } catch {}
         }`,
          join(root, 'sub'),
          join(base, 'away'),
          join(base, 'outside'),
        ],
        { stdio: 'ignore' },
      );
      const outcomes = new Map<string, number>();
      const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      const exited = new Promise((resolve) => flipper.once('exit', resolve));
      let running = true;
      void exited.then(() => (running = false));
      while (running) {
        try {
          // The outside file is longer: a stat that reached it would show its size.
          const stat = await fs.statBeneath(root, 'sub/f.txt').catch((error: unknown) => {
            expect((error as { code?: string }).code).toBe('outside-folder');
            return null;
          });
          if (stat !== null) expect(stat.size).toBe(11);
          const file = await fs.openBeneath(root, 'sub/f.txt');
          const text = await readAll(file);
          await file.close();
          expect(text).toBe('hello world');
          count('inside');
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'none';
          expect(['outside-folder', 'file-vanished']).toContain(code);
          count(code);
        }
      }
      // Both outcomes occurred: the race was really run.
      expect(outcomes.get('inside')).toBeGreaterThan(0);
      expect([...outcomes.keys()].length).toBeGreaterThan(1);
    },
    20_000,
  );
});
