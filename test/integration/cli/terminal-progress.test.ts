import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { remoteTree, workspace } from '../sync/ferry-process.js';
import { rgw } from '../setup/rgw-info.js';

const run = promisify(execFile);

/** tmux from Debian (test/services/ensure-packages.sh terminal): a real pseudo-terminal. */
const COLUMNS = 80;
const ROWS = 24;
const FILES = 200;

/** Lines of the live block (main/cli/progress/progress-block.ts, labelled layout). */
const BLOCK_LINE = /^(Transferred:|Files:|Elapsed:|Transferring:)|^\s+(\d+%|retry|wait)\s+\d/;

describe('ferry sync --once in an 80×24 terminal (tmux, issue 13)', () => {
  it('shows a live block that fits, then exactly one summary and no stale progress lines', async () => {
    await buildOnce();
    // 200 small files, a few with names that must be cut (long, CJK: two columns a character).
    const ws = await workspace('tmux-progress', {
      // Slow enough that the live block is on screen for a few seconds (about 3 MiB in all).
      transfers: { bandwidthLimit: 1024 * 1024 },
    });
    await mkdir(join(ws.data, '照片', '二〇二六年'), { recursive: true });
    for (let i = 0; i < FILES; i += 1) {
      const name =
        i % 50 === 0
          ? join('照片', '二〇二六年', `家族旅行の写真-${i}-東京タワーと富士山の夕焼け.jpg`)
          : i % 50 === 1
            ? `a-very-long-file-name-that-cannot-fit-on-one-line-of-an-80-column-terminal-${i}.bin`
            : `file-${String(i).padStart(3, '0')}.txt`;
      await writeFile(join(ws.data, name), randomBytes(8 * 1024 + ((i * 997) % 16_384)));
    }
    const session = `ferry-progress-${process.pid}`;
    const socket = ['-L', session];
    const exitFile = join(ws.dir, 'exit-code');
    const goFile = join(ws.dir, 'go');
    const rawFile = join(repoRoot, 'test/artifacts/terminal-progress-raw.txt');
    await mkdir(join(repoRoot, 'test/artifacts'), { recursive: true });
    const script = join(ws.dir, 'run.sh');
    await writeFile(
      script,
      [
        '#!/bin/sh',
        // As a user would run it: the SDK's Node-version switch is not set (Ferry sets it).
        'unset AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
        // Starts once the pane's raw output is being recorded.
        `while [ ! -e '${goFile}' ]; do sleep 0.05; done`,
        `cd '${repoRoot}'`,
        `node out/cli/ferry.js sync --once --config '${ws.config}'`,
        `echo $? > '${exitFile}'`,
        'exec sleep 600',
      ].join('\n'),
      { mode: 0o700 },
    );
    // The tmux server is started here, so it inherits this environment (the secret, D-Bus).
    const env = {
      ...process.env,
      FERRY_SECRET_CEPH: rgw().user.secretAccessKey,
      TERM: 'xterm-256color',
    };
    const tmux = (...args: string[]) => run('tmux', [...socket, ...args], { env });
    await run('tmux', ['-V']).catch(() => {
      throw new Error('tmux is missing: run bash test/services/ensure-packages.sh terminal');
    });
    await tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(COLUMNS),
      '-y',
      String(ROWS),
      script,
    );
    try {
      await tmux('pipe-pane', '-o', '-t', session, `cat > '${rawFile}'`);
      await writeFile(goFile, '');
      const capture = async (history: boolean) =>
        (await tmux('capture-pane', '-p', '-J', '-t', session, ...(history ? ['-S', '-'] : [])))
          .stdout;
      // While it runs: catch frames of the live block.
      let frame = '';
      let code: string | null = null;
      const deadline = Date.now() + 120_000;
      while (code === null && Date.now() < deadline) {
        const screen = await capture(false);
        // The newest frame with files in flight: the speed has a window behind it by then.
        if (/^Files: .*\n/m.test(screen) && /^Transferring:/m.test(screen)) frame = screen;
        code = await readFile(exitFile, 'utf8').then(
          (text) => text.trim(),
          () => null,
        );
        if (code === null) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(code).toBe('0');
      const screen = await capture(true);
      await mkdir(join(repoRoot, 'test/artifacts'), { recursive: true });
      await writeFile(join(repoRoot, 'test/artifacts/terminal-progress-frame.txt'), frame);
      await writeFile(join(repoRoot, 'test/artifacts/terminal-progress-final.txt'), screen);

      // The live block was there, fitted to the width, with in-flight files and the token.
      expect(frame).toMatch(
        /^Transferred: +[\d.]+ (B|KiB|MiB) \/ [\d.]+ MiB, \d+%, [\d.]+ (B|KiB|MiB)\/s, ETA /m,
      );
      expect(frame).toMatch(new RegExp(`^Files: +\\d+ / ${FILES}`, 'm'));
      expect(frame).toMatch(/, [1-9][\d.]* (KiB|MiB)\/s, ETA /); // moving, measured
      expect(frame).toMatch(/^Elapsed: +[\d.]+s, .*token/m);
      for (const line of frame.split('\n')) expect(textWidth(line)).toBeLessThan(COLUMNS);

      const lines = screen.replace(/\n+$/, '').split('\n');
      // -J joins wrapped lines: a line wider than the terminal would show here.
      for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(COLUMNS);
      // No progress line left behind anywhere in the scrollback, and one summary.
      expect(lines.filter((line) => BLOCK_LINE.test(line))).toEqual([]);
      const summaries = lines.filter((line) => /\d+ uploaded, \d+ deleted/.test(line));
      expect(summaries).toEqual([
        `${FILES} uploaded, 0 deleted, 0 failed, 0 skipped, 0 conflicts.`,
      ]);
      expect(lines.filter((line) => line.startsWith('Transferred '))).toHaveLength(1);
      expect(screen).toMatch(
        new RegExp(
          `^Transferred ${FILES} files \\([\\d.]+ MiB\\) in [\\dms. ]+, [\\d.]+ (KiB|MiB)/s on average\\.$`,
          'm',
        ),
      );
      // The AWS SDK's Node-version warning is not printed (Ferry sets the SDK's switch).
      expect(screen).not.toMatch(/NodeVersionSupportWarning/);
      expect((await remoteTree(ws.prefix)).size).toBe(FILES);
    } finally {
      await tmux('kill-server').catch(() => {});
    }
  }, 180_000);
});

/** Terminal cells, CJK counted 2 (the product's own function is what is under test). */
function textWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    width +=
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xff00 && code <= 0xff60)
        ? 2
        : 1;
  }
  return width;
}
