import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { remoteTree, workspace } from '../sync/ferry-process.js';
import { rgw } from '../setup/rgw-info.js';

const run = promisify(execFile);

/** Lines of the live block (main/cli/progress/progress-block.ts, labelled layout). */
const BLOCK_LINE = /^(Transferred:|Files:|Elapsed:|Transferring:)|^\s+(\d+%|retry|wait)\s+\d/;
const FILES = 40;

describe('a failure on a terminal is shown once, as it happens, with its fix (issue 13)', () => {
  it('--once, then a watch stopped by Ctrl+C: the live line carries the hint, the summaries count it', async (context) => {
    // Root reads a mode-000 file: the run goes as "nobody" then (setpriv, util-linux).
    const privileged = process.getuid?.() === 0;
    context.skip(privileged && !existsSync('/usr/bin/setpriv'), 'root without setpriv');
    await buildOnce();
    const ws = await workspace('tmux-failure');
    for (let i = 0; i < FILES; i += 1) {
      await writeFile(join(ws.data, `file-${String(i).padStart(2, '0')}.txt`), `file ${i}`);
    }
    const locked = join(ws.data, 'locked.bin');
    await writeFile(locked, 'nobody may read this');
    await mkdir(ws.state, { recursive: true });
    if (privileged) await run('chown', ['-R', '65534:65534', ws.dir]);
    await chmod(ws.dir, 0o755);
    await chmod(locked, 0o000);

    const session = `ferry-failure-${process.pid}`;
    const socket = ['-L', session];
    const onceExit = join(ws.dir, 'once-exit');
    const watchExit = join(ws.dir, 'watch-exit');
    const node = privileged
      ? `setpriv --reuid=65534 --regid=65534 --clear-groups '${process.execPath}'`
      : `'${process.execPath}'`;
    const script = join(ws.dir, 'run.sh');
    await writeFile(
      script,
      [
        '#!/bin/sh',
        // As an interactive shell does: Ctrl+C stops the command, not the script (the pane).
        "trap 'true' INT",
        `cd '${repoRoot}'`,
        `export HOME='${ws.dir}'`,
        `${node} out/cli/ferry.js sync --once --config '${ws.config}'`,
        `echo $? > '${onceExit}'`,
        `${node} out/cli/ferry.js sync --config '${ws.config}'`,
        `echo $? > '${watchExit}'`,
        'exec sleep 600',
      ].join('\n'),
      { mode: 0o755 },
    );
    const env = {
      ...process.env,
      FERRY_SECRET_CEPH: rgw().user.secretAccessKey,
      TERM: 'xterm-256color',
    };
    const tmux = (...args: string[]) => run('tmux', [...socket, ...args], { env });
    await tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', script);
    try {
      const screen = async () =>
        (await tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-')).stdout;
      const until = async (what: string, test: () => Promise<boolean>) => {
        const deadline = Date.now() + 120_000;
        while (!(await test())) {
          if (Date.now() > deadline) throw new Error(`timed out: ${what}\n${await screen()}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      const exists = (file: string) => () =>
        readFile(file, 'utf8').then(
          () => true,
          () => false,
        );
      await until('the --once run', exists(onceExit));
      expect((await readFile(onceExit, 'utf8')).trim()).toBe('1');
      // The watch rescans, retries the failed file, fails it again (one line), and waits.
      await until('the watch run', async () => {
        const text = await screen();
        return (
          /Press Ctrl\+C/.test(text) && (text.match(/^✗ data\/locked\.bin/gm) ?? []).length === 2
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 500)); // a frame of the block drawn
      await tmux('send-keys', '-t', session, 'C-c');
      await until('Ctrl+C', exists(watchExit));
      expect((await readFile(watchExit, 'utf8')).trim()).toBe('0');

      const text = await screen();
      await mkdir(join(repoRoot, 'test/artifacts'), { recursive: true });
      await writeFile(join(repoRoot, 'test/artifacts/terminal-failure-final.txt'), text);
      const lines = text.replace(/\n+$/, '').split('\n');
      // Once per run, as it happened, with the fix under it; never again in a summary.
      expect(lines.filter((line) => line.includes('locked.bin'))).toEqual([
        expect.stringMatching(
          /^✗ data\/locked\.bin: Cannot read .*: permission denied\.$/,
        ) as string,
        expect.stringMatching(
          /^✗ data\/locked\.bin: Cannot read .*: permission denied\.$/,
        ) as string,
      ]);
      expect(
        lines.filter((line) => /^ {2}→ Give the user running Ferry read access/.test(line)),
      ).toHaveLength(2);
      expect(lines.filter((line) => /^failed: /.test(line))).toEqual([]);
      expect(lines.filter((line) => /\d+ uploaded, \d+ deleted/.test(line))).toEqual([
        `${FILES} uploaded, 0 deleted, 1 failed (listed above), 0 skipped, 0 conflicts.`,
        'Stopped: 0 uploaded, 0 deleted, 1 failed (listed above), 0 skipped, 0 not done.',
      ]);
      expect(lines.filter((line) => BLOCK_LINE.test(line))).toEqual([]);
      expect((await remoteTree(ws.prefix)).size).toBe(FILES);
    } finally {
      await tmux('kill-server').catch(() => {});
      await chmod(locked, 0o644).catch(() => {});
    }
  }, 240_000);
});
