import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, ferryProcess, remoteTree, waitUntil, workspace } from '../sync/ferry-process.js';

/** Waits for a child to exit; resolves with its code and how long after `since` it exited. */
function exited(child: ReturnType<typeof ferryProcess>, since: () => number) {
  return new Promise<{ code: number | null; afterMs: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, afterMs: Date.now() - since() })),
  );
}

describe('ferry CLI basics (issue 13)', () => {
  it("--version prints package.json's version; help COMMAND prints that command's page", async () => {
    await buildOnce();
    const version = await ferry(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: 'ferry 0.1.0\n' });
    const help = await ferry(['help', 'sync']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ferry sync \[--config FILE\]/);
    expect(help.stdout).toMatch(/Ctrl\+C/);
    expect((await ferry(['sync', '--help'])).stdout).toBe(help.stdout);
    const unknown = await ferry(['help', 'sink']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/no help for "sink"/);
  }, 180_000);

  it("--config defaults to FERRY_CONFIG, then to the desktop app's file; no SDK warning", async () => {
    await buildOnce();
    const ws = await workspace('config-default');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    // FERRY_CONFIG, with the SDK's switch emptied: Ferry sets it itself.
    const fromEnv = await ferry(['check'], {
      FERRY_CONFIG: ws.config,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '',
    });
    expect(fromEnv.stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
    expect(fromEnv.stdout).toContain(`Config ${ws.config} is valid`);
    expect(fromEnv.code).toBe(0);
    // The desktop app's file: $XDG_CONFIG_HOME/Ferry/config.yaml (JSON is valid YAML).
    const xdg = await mkdtemp(join(tmpdir(), 'ferry-xdg-'));
    await mkdir(join(xdg, 'Ferry'));
    await copyFile(ws.config, join(xdg, 'Ferry', 'config.yaml'));
    const fromDefault = await ferry(['status'], { XDG_CONFIG_HOME: xdg, FERRY_CONFIG: '' });
    expect(fromDefault.code).toBe(0);
    expect(fromDefault.stdout).toMatch(/data/);
    // Nothing there: exit 2, saying where Ferry looked and what to do.
    const empty = await mkdtemp(join(tmpdir(), 'ferry-xdg-empty-'));
    const missing = await ferry(['sync', '--once'], { XDG_CONFIG_HOME: empty, FERRY_CONFIG: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no config at ${join(empty, 'Ferry', 'config.yaml')}`);
    expect(missing.stderr).toMatch(/Pass --config FILE, set FERRY_CONFIG/);
  }, 180_000);

  it('Ctrl+C during --once prints one summary and exits 130 within seconds', async () => {
    await buildOnce();
    // About 2.5 MiB at 256 KiB/s: ten seconds of work, interrupted after the first uploads.
    const ws = await workspace('ctrl-c', { transfers: { bandwidthLimit: 256 * 1024 } });
    for (let i = 0; i < 40; i += 1) {
      await writeFile(join(ws.data, `f${i}.bin`), randomBytes(64 * 1024));
    }
    const child = ferryProcess(['sync', '--once', '--config', ws.config]);
    let signalledAt = 0;
    const done = exited(child, () => signalledAt);
    await waitUntil(async () => (await remoteTree(ws.prefix)).size >= 3, 60_000, 'first uploads');
    signalledAt = Date.now();
    child.kill('SIGINT');
    const { code, afterMs } = await done;
    expect(code).toBe(130);
    expect(afterMs).toBeLessThan(4_000);
    const output = child.output();
    expect(output.match(/^Interrupted: /gm)).toHaveLength(1);
    expect(output).toMatch(
      /^Interrupted: \d+ uploaded, 0 deleted, 0 failed, 0 skipped, \d+ not done\.$/m,
    );
    const uploaded = Number(/^Interrupted: (\d+) uploaded/m.exec(output)?.[1]);
    expect(uploaded).toBeGreaterThanOrEqual(3);
    expect(uploaded).toBeLessThan(40);
    // The finished files' size; what was sent of unfinished ones, if any, on its own line.
    expect(output).toMatch(
      /^Transferred \d+ files \([\d.]+ (KiB|MiB)\) in [\d.]+s(\.|, .* on average\.)$/m,
    );
    expect(output).toMatch(/^(Transferred|Sent) .* on average\.$/m);
    // The next run continues: everything ends up stored.
    const rerun = await ferry(['sync', '--once', '--config', ws.config]);
    expect(rerun.code).toBe(0);
    expect((await remoteTree(ws.prefix)).size).toBe(40);
  }, 180_000);

  it('Ctrl+C while watching prints what the session did and exits 0', async () => {
    await buildOnce();
    const ws = await workspace('ctrl-c-watch');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    const child = ferryProcess(['sync', '--config', ws.config]);
    let signalledAt = 0;
    const done = exited(child, () => signalledAt);
    await waitUntil(async () => (await remoteTree(ws.prefix)).size === 1, 60_000, 'the upload');
    await waitUntil(
      () => Promise.resolve(/Press Ctrl\+C to stop/.test(child.output())),
      30_000,
      'watching',
    );
    signalledAt = Date.now();
    child.kill('SIGINT');
    const { code, afterMs } = await done;
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(4_000);
    expect(child.output().match(/^Stopped: 1 uploaded, 0 deleted, 0 failed/gm)).toHaveLength(1);
  }, 180_000);
});
