import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, workspace } from '../sync/ferry-process.js';

beforeAll(buildOnce, 180_000);

/** Status is read-only and offline: an endpoint nothing listens on proves it asks no server. */
const offline = { profile: { endpoint: 'http://127.0.0.1:9' } };

interface StatusJson {
  readonly state: string;
  readonly folders: readonly {
    readonly folder: string;
    readonly problem: { readonly message: string; readonly hint: string | null } | null;
  }[];
}

describe('ferry status (issue 12): a folder path that cannot be used is an error, not zeros', () => {
  it('a missing path: state error, the folder and the fix on stderr, exit 2 (text and --json)', async () => {
    const ws = await workspace('status-missing', {
      ...offline,
      folder: { path: '/nonexistent/ferry-photos' },
    });

    const text = await ferry(['status', '--config', ws.config]);

    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toMatch(/^state: error \(1 folder\(s\) cannot be synced\)$/im);
    expect(text.stderr).toMatch(/Folder "data": \/nonexistent\/ferry-photos does not exist\./);
    expect(text.stderr).toMatch(/→ Create the folder, or correct "path" of folder "data"/);
    expect(text.stdout).not.toMatch(/0 synced/);

    const json = await ferry(['status', '--json', '--config', ws.config]);

    expect(json.code, json.stderr).toBe(2);
    const parsed = JSON.parse(json.stdout) as StatusJson;
    expect(parsed.state).toBe('error');
    expect(parsed.folders[0]?.problem).toEqual({
      message: 'Folder "data": /nonexistent/ferry-photos does not exist.',
      hint: 'Create the folder, or correct "path" of folder "data" in the config.',
    });
  }, 60_000);

  it('a path that is a file: named as not a folder, exit 2', async () => {
    const ws = await workspace('status-file', offline);
    const file = join(ws.dir, 'a-file.txt');
    await writeFile(file, 'not a folder');
    const fileWs = await workspace('status-file', { ...offline, folder: { path: file } });

    const result = await ferry(['status', '--config', fileWs.config]);

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`Folder "data": ${file} is not a folder.`);
  }, 60_000);

  it('a readable folder, offline: state idle, no problem, exit 0', async () => {
    const ws = await workspace('status-ok', offline);
    await writeFile(join(ws.data, 'a.txt'), 'pending');

    const text = await ferry(['status', '--config', ws.config]);

    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^state: idle /im);
    expect(text.stdout).toMatch(/0 synced, 1 pending, 0 failed, 0 skipped/);
    expect(text.stderr).not.toMatch(/✗/);

    const json = await ferry(['status', '--json', '--config', ws.config]);

    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as StatusJson;
    expect(parsed.state).toBe('idle');
    expect(parsed.folders[0]?.problem).toBeNull();
  }, 60_000);

  it('files left behind: exit 1, so a cron job does not read 0 while failures are recorded', async () => {
    const ws = await workspace('status-failed', offline);
    await writeFile(join(ws.data, 'a.txt'), 'pending is not a failure');
    // A name that is not UTF-8 cannot become a key: a failure whoever runs the test.
    const bad = Buffer.concat([Buffer.from(`${ws.data}/bad`), Buffer.from([0xff])]);
    await writeFile(bad, 'latin-1');

    const text = await ferry(['status', '--config', ws.config]);

    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^state: error \(1 failed\)$/m);
    expect(text.stdout).toMatch(/0 synced, 1 pending, 1 failed, 0 skipped/);
    const json = await ferry(['status', '--json', '--config', ws.config]);
    expect(json.code, json.stderr).toBe(1);
    expect((JSON.parse(json.stdout) as StatusJson).state).toBe('error');
  }, 60_000);
});
