import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { ferry, workspace } from '../sync/ferry-process.js';

/**
 * Cold start (issue 15, target 6): each command loads only what it uses. The CLI ships as a
 * bundle (out/cli/, main/cli/cli-bundle.vite.config.ts): the packages' code is inside its chunks,
 * so "what a command loads" is the files the process opens (recorded by
 * test/support/record-loaded-modules.mjs: the chunks, the native packages left in node_modules)
 * plus, for every chunk it loaded, the sources that chunk's source map names. A command that
 * imported the SDK statically would load the chunk holding it, and its map names
 * node_modules/@aws-sdk/…. The lists below are what a command must NOT load; each run also
 * checks a module it MUST load, so a recorder or a map reader that finds nothing cannot pass.
 */
const SDKS = ['@aws-sdk/', '@smithy/', '@alicloud/', 'ali-oss', 'undici', 'http-proxy-agent'];
const NEVER_IN_SYNC = ['ali-oss', '@alicloud/', 'undici', 'http-proxy-agent', 'https-proxy-agent'];
const SHELLS = ['/node_modules/ws/', '/main/web/', '/main/ui-host/', 'react', 'electron'];
const WATCHERS = ['chokidar', '@parcel/watcher'];
const BUNDLE = join(repoRoot, 'out', 'cli');
const run = promisify(execFile);

async function loadedBy(args: string[], env: Record<string, string> = {}) {
  const log = join(await mkdtemp(join(tmpdir(), 'ferry-modules-')), 'loaded.txt');
  await writeFile(log, '');
  const hook = join(repoRoot, 'test/support/record-loaded-modules.mjs');
  const result = await ferry(args, {
    ...env,
    NODE_OPTIONS: `--import ${hook}`,
    FERRY_TEST_MODULE_LOG: log,
  });
  const files = (await readFile(log, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((entry) => (entry.startsWith('file:') ? fileURLToPath(entry) : entry));
  const chunks = files.filter((path) => path.startsWith(`${BUNDLE}/`));
  const sources = (await Promise.all(chunks.map(sourcesOf))).flat();
  const modules = [...files.filter((path) => !chunks.includes(path)), ...sources];
  return { ...result, files, chunks, modules };
}

/** The source files a bundle chunk was made of, from its source map (absolute paths). */
async function sourcesOf(chunk: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(`${chunk}.map`, 'utf8');
  } catch {
    return []; // the bundler's own runtime helpers come without a map
  }
  const map = JSON.parse(text) as { sources: string[]; sourceRoot?: string };
  return map.sources.map((source) => resolve(dirname(chunk), map.sourceRoot ?? '', source));
}

/** The loaded modules whose path contains one of `names` (node_modules/<name> or the tree's). */
function loadedOf(modules: readonly string[], names: readonly string[]): string[] {
  return modules.filter((path) =>
    names.some((name) =>
      name.includes('/') && !name.startsWith('@')
        ? path.includes(name)
        : path.includes(`/node_modules/${name}`),
    ),
  );
}

/** What every run shares: the bundle ran, and nothing came from the unbundled tree (out/main,
 *  out/app: `tsc -b`'s output, which a stale or missing bundle could fall back to). */
function expectTheBundle(run: Awaited<ReturnType<typeof loadedBy>>, label: string): void {
  expect(run.chunks, label).toContain(join(BUNDLE, 'ferry.js'));
  expect(run.modules, label).toContain(join(repoRoot, 'main', 'cli', 'ferry.ts'));
  expect(loadedOf(run.files, ['/out/main/', '/out/app/']), label).toEqual([]);
}

describe('cold start: each ferry command loads only what it uses (issue 15)', () => {
  it('ships the bundle: package.json bin is out/cli/ferry.js', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(manifest.bin['ferry']).toBe('out/cli/ferry.js');
  });

  it('a command chunk loads on its own without running the CLI (the bench imports commands/sync.js)', async () => {
    await buildOnce();
    const chunk = pathToFileURL(join(BUNDLE, 'commands', 'sync.js')).href;
    const { stdout, stderr } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(chunk)}); console.log('imported');`,
    ]);
    expect({ stdout, stderr }).toEqual({ stdout: 'imported\n', stderr: '' });
  }, 300_000);

  it('--version and help load no SDK, no SQLite, no zod or yaml, no watcher, no command', async () => {
    await buildOnce();
    for (const args of [['--version'], ['help'], ['help', 'sync'], ['sync', '--help']]) {
      const run = await loadedBy(args);
      const label = args.join(' ');
      expect(run.code, label).toBe(0);
      expectTheBundle(run, label);
      expect(loadedOf(run.chunks, ['/out/cli/commands/']), label).toEqual([]);
      expect(
        loadedOf(run.modules, [
          ...SDKS,
          ...SHELLS,
          ...WATCHERS,
          'better-sqlite3',
          'zod',
          'yaml',
          'keytar',
          '/main/cli/commands/',
          '/main/compose/',
        ]),
        label,
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
    expectTheBundle(run, 'sync');
    expect(run.chunks).toContain(join(BUNDLE, 'commands', 'sync.js'));
    for (const used of ['@aws-sdk/client-s3', '@aws-sdk/client-sts', 'better-sqlite3', 'zod']) {
      expect(loadedOf(run.modules, [used]), used).not.toEqual([]);
    }
    // The SDK comes out of the bundle, not node_modules (only native packages stay outside).
    expect(loadedOf(run.files, ['@aws-sdk/', '@smithy/', 'zod'])).toEqual([]);
    expect(
      loadedOf(run.modules, [...NEVER_IN_SYNC, ...SHELLS, ...WATCHERS, 'yaml', 'keytar']),
    ).toEqual([]);
  }, 180_000);

  it('status loads neither a watcher, the web server nor the STS client (it fetches no token)', async () => {
    await buildOnce();
    const ws = await workspace('cold-start-status');
    const run = await loadedBy(['status', '--config', ws.config]);
    expect(run.code).toBe(0);
    expectTheBundle(run, 'status');
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
