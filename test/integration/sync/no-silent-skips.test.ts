import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, md5, remoteTree, workspace } from './ferry-process.js';

/*
 * Issue 11, "nothing skipped silently", with the real CLI on a real folder: every path a run saw
 * and did not upload is on stderr with its reason, counted in the summary, in `ferry status`,
 * and in the log; a folder or name that could not be read, or a file that never stopped
 * changing, makes `--once` exit 1.
 */

const run = promisify(execFile);

beforeAll(buildOnce, 120_000);

describe('ferry sync --once leaves nothing behind without a word', () => {
  it('a FIFO is skipped with its reason; the run is still a success', async () => {
    const ws = await workspace('fifo');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    await run('mkfifo', [join(ws.data, 'pipe')]);
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.stderr).toBe('skipped: data/pipe: special file (FIFO), not uploaded\n');
    // The summary, then the bytes and time (issue 13).
    expect(result.stdout).toMatch(
      /^1 uploaded, 0 deleted, 0 failed, 1 skipped \(1 special file\), 0 conflicts\.\nTransferred 1 file \(\d+ B\) in [\d.]+s, \d+ B\/s on average\.\n$/,
    );
    expect(result.code).toBe(0);
    expect(await remoteTree(ws.prefix)).toEqual(new Map([['a.txt', md5('a')]]));

    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    expect(log).toMatch(/"level":"info","msg":"skipped".*"path":"pipe".*special file \(FIFO\)/);

    const status = await ferry(['status', '--config', ws.config]);
    expect(status.stdout).toContain('1 synced, 0 pending, 0 failed, 1 skipped (1 special file)');
    expect(status.stdout).toContain('skipped: pipe: special file (FIFO), not uploaded');
  }, 60_000);

  it('a name that is not UTF-8 fails (exit 1) named with its bytes escaped, not "no longer exists"', async () => {
    const ws = await workspace('badname');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    const bad = Buffer.concat([
      Buffer.from(`${ws.data}/bad`),
      Buffer.from([0xff]),
      Buffer.from('.txt'),
    ]);
    await writeFile(bad, 'latin-1 leftovers');
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.stderr).toContain(
      'failed: data/bad\\xff.txt: Name is not valid UTF-8: it cannot become an object key.\n',
    );
    expect(result.stderr).toMatch(/→ Rename it to a UTF-8 name/);
    expect(result.stderr).not.toMatch(/no longer exists/);
    expect(result.stdout).toContain('1 uploaded, 0 deleted, 1 failed');
    expect(result.code).toBe(1);

    const status = await ferry(['status', '--config', ws.config, '--json']);
    const folder = (JSON.parse(status.stdout) as { folders: Record<string, unknown>[] }).folders[0];
    expect(folder).toMatchObject({
      failed: 1,
      problems: [
        {
          path: 'bad\\xff.txt',
          outcome: 'failed',
          reason: expect.stringMatching(/name is not valid UTF-8/i),
        },
      ],
    });
    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    expect(log).toMatch(/"level":"warn","msg":"not uploaded".*"code":"invalid-name"/);
  }, 60_000);

  it('a file the default rules leave out is counted, and listed with its rule by --dry-run', async () => {
    const ws = await workspace('defaults');
    await writeFile(join(ws.data, 'report.docx'), 'the report');
    await writeFile(join(ws.data, '~$report.docx'), 'office lock');
    const dry = await ferry(['sync', '--config', ws.config, '--dry-run']);
    expect(dry.stdout).toContain(
      '  skip    ~$report.docx  (excluded by the default ignore rule "~$*")\n',
    );
    expect(dry.code).toBe(0);
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    // The summary, then the bytes and time (issue 13).
    expect(result.stdout).toMatch(
      /^1 uploaded, 0 deleted, 0 failed, 1 skipped \(1 excluded by a default rule\), 0 conflicts\.\nTransferred 1 file \(\d+ B\) in [\d.]+s, \d+ B\/s on average\.\n$/,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    expect(log).toMatch(
      /"msg":"skipped".*"path":"~\$report.docx".*default ignore rule \\"~\$\*\\"/,
    );
  }, 60_000);

  it('a file still being appended to fails "still changing" (exit 1) after a bounded wait; the rest uploads', async () => {
    const ws = await workspace('growing');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    const growing = join(ws.data, 'growing.log');
    await writeFile(growing, '');
    // A writer in its own process, appending every 100 ms for longer than the run can take.
    const writer = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs');
       setInterval(() => fs.appendFileSync(${JSON.stringify(growing)}, 'line\\n'), 100);
       setTimeout(() => process.exit(0), 120000);`,
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const during = await ferry(['status', '--config', ws.config]);
      expect(during.stdout).toMatch(/pending: growing\.log: still changing \(modified \d+ s ago\)/);

      const started = Date.now();
      const result = await ferry(['sync', '--config', ws.config, '--once']);
      const seconds = (Date.now() - started) / 1000;
      expect(result.stderr).toMatch(/^failed: data\/growing\.log: Still changing: /m);
      expect(result.stdout).toContain('1 uploaded, 0 deleted, 1 failed');
      expect(result.code).toBe(1);
      expect(seconds).toBeLessThan(75); // bounded: the re-queues plus ~10 s, never a hang
      expect([...(await remoteTree(ws.prefix)).keys()]).toEqual(['a.txt']);

      const status = await ferry(['status', '--config', ws.config]);
      expect(status.stdout).toMatch(/failed: growing\.log: Still changing/);
    } finally {
      writer.kill();
    }
    // Once the writer has stopped, the next run uploads it whole.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const again = await ferry(['sync', '--config', ws.config, '--once']);
    expect(again.code).toBe(0);
    expect((await remoteTree(ws.prefix)).get('growing.log')).toBe(md5(await readFile(growing)));
  }, 150_000);
});

describe('an unreadable folder', () => {
  it('fails the run (exit 1) with its reason, walking as "nobody" since root reads mode 000', async (context) => {
    const privileged = process.getuid?.() === 0;
    context.skip(privileged && !existsSync('/usr/bin/setpriv'), 'root without setpriv');
    const ws = await workspace('unreadable');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    await mkdir(join(ws.data, 'locked'));
    await writeFile(join(ws.data, 'locked', 'secret.txt'), 's');
    await mkdir(ws.state, { recursive: true });
    // As root: everything belongs to nobody, who then cannot list `locked` (mode 000).
    if (privileged) await run('chown', ['-R', '65534:65534', ws.dir]);
    await chmod(ws.dir, 0o755);
    await chmod(join(ws.data, 'locked'), 0o000);
    const asNobody = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const command = [process.execPath, join(repoRoot, 'out/cli/ferry.js'), ...args];
        const drop = ['--reuid=65534', '--regid=65534', '--clear-groups'];
        execFile(
          privileged ? 'setpriv' : (command.shift() as string),
          privileged ? [...drop, ...command] : command,
          {
            env: {
              ...process.env,
              HOME: ws.dir,
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              FERRY_SECRET_CEPH: rgw().user.secretAccessKey,
            },
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    try {
      const result = await asNobody(['sync', '--config', ws.config, '--once']);
      expect(result.stderr).toMatch(
        /^failed: data\/locked: Cannot read .*locked: permission denied\.$/m,
      );
      expect(result.stdout).toContain('1 uploaded, 0 deleted, 1 failed');
      expect(result.code).toBe(1);
      const status = await asNobody(['status', '--config', ws.config]);
      expect(status.stdout).toMatch(/failed: locked: Cannot read .*permission denied/);
    } finally {
      await chmod(join(ws.data, 'locked'), 0o755);
    }
  }, 60_000);
});
