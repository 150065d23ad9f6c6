import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { ferry, workspace } from '../sync/ferry-process.js';

/**
 * Cold start (issue 15, target 6): each command loads only what it uses. The CLI is run with
 * test/support/record-loaded-modules.mjs, which writes the path of every module it loads; the
 * lists below are what a command must NOT load. Each run also checks a module it MUST load, so
 * a recorder that records nothing cannot pass.
 */
const SDKS = ['@aws-sdk/', '@smithy/', '@alicloud/', 'ali-oss', 'undici', 'http-proxy-agent'];
const NEVER_IN_SYNC = ['ali-oss', '@alicloud/', 'undici', 'http-proxy-agent', 'https-proxy-agent'];
const SHELLS = ['/node_modules/ws/', 'out/main/web/', 'out/main/ui-host/', 'react', 'electron'];
const WATCHERS = ['chokidar', '@parcel/watcher'];

async function loadedBy(args: string[], env: Record<string, string> = {}) {
  const log = join(await mkdtemp(join(tmpdir(), 'ferry-modules-')), 'loaded.txt');
  await writeFile(log, '');
  const hook = join(repoRoot, 'test/support/record-loaded-modules.mjs');
  const result = await ferry(args, {
    ...env,
    NODE_OPTIONS: `--import ${hook}`,
    FERRY_TEST_MODULE_LOG: log,
  });
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { ...result, modules };
}

/** The loaded modules whose path contains one of `names` (node_modules/<name> or out/…). */
function loadedOf(modules: readonly string[], names: readonly string[]): string[] {
  return modules.filter((path) =>
    names.some((name) =>
      name.includes('/') && !name.startsWith('@')
        ? path.includes(name)
        : path.includes(`/node_modules/${name}`),
    ),
  );
}

describe('cold start: each ferry command loads only what it uses (issue 15)', () => {
  it('--version and help load no SDK, no SQLite, no zod or yaml, no watcher, no command', async () => {
    await buildOnce();
    for (const args of [['--version'], ['help'], ['help', 'sync'], ['sync', '--help']]) {
      const run = await loadedBy(args);
      expect(run.code, args.join(' ')).toBe(0);
      // The recorder works: the CLI's own entry is in the list.
      expect(run.modules.some((path) => path.endsWith('out/main/cli/ferry.js'))).toBe(true);
      expect(
        loadedOf(run.modules, [
          ...SDKS,
          ...SHELLS,
          ...WATCHERS,
          'better-sqlite3',
          'zod',
          'yaml',
          'keytar',
          'out/main/cli/commands/',
          'out/main/compose/',
        ]),
        args.join(' '),
      ).toEqual([]);
    }
  }, 300_000); // the first test also builds out/ (buildOnce), slow on a loaded machine

  it('sync --once on one new file loads the S3 and STS clients and SQLite, not the watcher, the web server, yaml for a JSON config, OSS or proxy code', async () => {
    await buildOnce();
    const ws = await workspace('cold-start-modules');
    await writeFile(join(ws.data, 'one.txt'), 'one new file');
    const run = await loadedBy(['sync', '--once', '--config', ws.config]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 uploaded/m);
    for (const used of ['@aws-sdk/client-s3', '@aws-sdk/client-sts', 'better-sqlite3', 'zod']) {
      expect(loadedOf(run.modules, [used]), used).not.toEqual([]);
    }
    expect(
      loadedOf(run.modules, [...NEVER_IN_SYNC, ...SHELLS, ...WATCHERS, 'yaml', 'keytar']),
    ).toEqual([]);
  }, 180_000);

  it('status loads neither a watcher, the web server nor the STS client (it fetches no token)', async () => {
    await buildOnce();
    const ws = await workspace('cold-start-status');
    const run = await loadedBy(['status', '--config', ws.config]);
    expect(run.code).toBe(0);
    expect(loadedOf(run.modules, ['better-sqlite3'])).not.toEqual([]);
    expect(
      loadedOf(run.modules, [
        ...NEVER_IN_SYNC,
        ...SHELLS,
        ...WATCHERS,
        'yaml',
        '@aws-sdk/client-sts',
      ]),
    ).toEqual([]);
  }, 180_000);
});
