import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';

import type { TrayState } from '../../../app/ipc/views.js';
import { appResources, trayIconPath } from '../../../main/electron/resource-paths.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

interface FileSet {
  readonly from?: string;
  readonly to?: string;
  readonly filter?: string | string[];
}

interface BuilderConfig {
  readonly files?: (string | FileSet)[];
  readonly extraResources?: (string | FileSet)[];
}

interface ConfigModule {
  getConfig: (
    projectDir: string,
    configPath: string | null,
    options: unknown,
  ) => Promise<BuilderConfig>;
  validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>;
}

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface FileMatcherModule {
  FileMatcher: new (
    from: string,
    to: string,
    macroExpander: (pattern: string) => string,
    patterns: string[],
  ) => { createFilter(): Filter };
}

/**
 * electron-builder cannot package here (it downloads Electron), so its configuration is checked
 * with its own loader, JSON schema and file matcher. These are internal module paths of
 * app-builder-lib: if an upgrade moves them, this test fails loudly rather than silently skipping
 * the check.
 */
function loadConfig(projectDir: string): Promise<BuilderConfig> {
  const { getConfig } = require('app-builder-lib/out/util/config/config') as ConfigModule;
  return getConfig(projectDir, join(projectDir, 'electron-builder.yml'), null);
}

async function validate(projectDir: string): Promise<void> {
  const { validateConfiguration } =
    require('app-builder-lib/out/util/config/config') as ConfigModule;
  const { DebugLogger } = require('builder-util') as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  await validateConfiguration(await loadConfig(projectDir), new DebugLogger(false));
}

/** Whether electron-builder's matcher would pack `relative` (a file) with these patterns. */
function packs(patterns: string[], from: string): (relative: string) => boolean {
  const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as FileMatcherModule;
  const filter = new FileMatcher(from, '/', (pattern) => pattern, patterns).createFilter();
  return (relative) => filter(join(from, relative), { isDirectory: () => false });
}

/** The patterns for the app's own files: electron-builder's loader turns the YAML list into
 *  `[{ filter: [...] }]`, so both shapes are read. */
function appFilePatterns(entries: BuilderConfig['files']): string[] {
  return (entries ?? []).flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (entry.from !== undefined && entry.from !== '.') return [];
    return typeof entry.filter === 'string' ? [entry.filter] : (entry.filter ?? []);
  });
}

/** Every tray state; the type below fails to compile when the contract adds one. */
const trayStates = [
  'idle',
  'syncing',
  'paused',
  'error',
  'credentials-expiring',
  'credentials-expired',
] as const satisfies readonly TrayState[];
export type EveryTrayStateListed = [Exclude<TrayState, (typeof trayStates)[number]>] extends [never]
  ? true
  : never;

function pngSize(png: Buffer): { width: number; height: number; rgba: boolean } {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), rgba: png[25] === 6 };
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(validate(repo)).resolves.toBeUndefined();
  });

  it('the check catches a mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-eb-'));
    await copyFile(join(repo, 'package.json'), join(dir, 'package.json'));
    const yaml = await readFile(join(repo, 'electron-builder.yml'), 'utf8');
    await writeFile(
      join(dir, 'electron-builder.yml'),
      yaml.replace('category: Network', 'category: Network\n  bogusKey: 1'),
    );
    await expect(validate(dir)).rejects.toThrow(/configuration\.linux/);
  });

  it('points at icons that exist', async () => {
    const png = await readFile(join(repo, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width, for macOS and Linux targets
  });

  it('packs what the app loads: main, core, renderer page, preload bundle', async () => {
    const config = await loadConfig(repo);
    const included = packs(appFilePatterns(config.files), repo);
    const { main } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
      main: string;
    };
    const location = { appPath: repo, isPackaged: true, resourcesPath: '/r' };
    const resources = appResources(location);
    for (const file of [
      main,
      'package.json',
      'out/app/ipc/contract.js',
      'out/main/ui-host/ferry-ui-host.js',
      resources.preload.slice(repo.length + 1),
      join(resources.rendererDir, 'index.html').slice(repo.length + 1),
      'out/renderer/assets/index-3f2a1b.js',
    ]) {
      expect(included(file), file).toBe(true);
    }
  });

  it('leaves out sources, maps, build info and the build tooling', async () => {
    const config = await loadConfig(repo);
    const included = packs(appFilePatterns(config.files), repo);
    for (const file of [
      'out/main/electron/main.js.map',
      'out/main.tsbuildinfo',
      'out/main/electron/preload.vite.config.js',
      'out/main/cli/cli-bundle.vite.config.js',
      'main/electron/main.ts',
      'renderer/index.html',
      'test/unit/app/presentation/tray/tray-menu.test.ts',
      'build/tray/tray-idle.png',
    ]) {
      expect(included(file), file).toBe(false);
    }
  });

  it('ships a tray icon per state, 16 px and 32 px (@2x), where main.ts looks for them', async () => {
    const config = await loadConfig(repo);
    const trayResources = (config.extraResources ?? []).find(
      (entry): entry is FileSet => typeof entry === 'object' && entry.from === 'build/tray',
    );
    expect(trayResources).toBeDefined();
    const packaged = appResources({
      appPath: '/r/app.asar',
      isPackaged: true,
      resourcesPath: '/r',
    });
    expect(packaged.trayIconDir).toBe(join('/r', trayResources?.to ?? ''));
    const filter = trayResources?.filter;
    const copied = packs(
      Array.isArray(filter) ? filter : [filter ?? '**/*'],
      join(repo, 'build/tray'),
    );

    expect(copied('notes.txt')).toBe(false);
    const source = appResources({ appPath: repo, isPackaged: false, resourcesPath: '/r' });
    for (const state of trayStates) {
      const icon = trayIconPath(source.trayIconDir, state);
      const retina = icon.replace(/\.png$/, '@2x.png');
      expect(pngSize(await readFile(icon)), icon).toEqual({ width: 16, height: 16, rgba: true });
      expect(pngSize(await readFile(retina)), retina).toEqual({
        width: 32,
        height: 32,
        rgba: true,
      });
      expect(copied(icon.slice(source.trayIconDir.length + 1))).toBe(true);
      expect(copied(retina.slice(source.trayIconDir.length + 1))).toBe(true);
    }
  });

  it('loads the preload and the page from where their builds write them', async () => {
    const resources = appResources({ appPath: repo, isPackaged: false, resourcesPath: '/r' });
    const built = async (configFile: string) => {
      const module = (await import(join(repo, configFile))) as { default: UserConfig };
      const config = module.default;
      return resolve(config.root ?? repo, config.build?.outDir ?? 'dist');
    };
    expect(join(await built('main/electron/preload.vite.config.ts'), 'preload.cjs')).toBe(
      resources.preload,
    );
    expect(await built('renderer/vite.config.ts')).toBe(resources.rendererDir);
  });
});
