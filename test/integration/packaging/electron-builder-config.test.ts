import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

interface ConfigModule {
  getConfig: (projectDir: string, configPath: string | null, options: unknown) => Promise<unknown>;
  validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>;
}

/**
 * electron-builder cannot package here (it downloads Electron), so its configuration is checked
 * with its own loader and JSON schema. These are internal module paths of app-builder-lib: if an
 * upgrade moves them, this test fails loudly rather than silently skipping the check.
 */
async function validate(projectDir: string): Promise<void> {
  const { getConfig, validateConfiguration } =
    require('app-builder-lib/out/util/config/config') as ConfigModule;
  const { DebugLogger } = require('builder-util') as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  const config = await getConfig(projectDir, join(projectDir, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
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
});
