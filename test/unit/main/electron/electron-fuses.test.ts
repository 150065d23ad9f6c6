import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

interface Scheme {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
}

/**
 * The fuses electron-builder flips in the packaged Electron binary (via @electron/fuses). They
 * are compiled into the executable, so an attacker with only the environment or the command
 * line cannot turn them back on: no ELECTRON_RUN_AS_NODE (the app as a plain node), no
 * NODE_OPTIONS (code injected with --require), no --inspect (a debugger on the main process),
 * no code from outside app.asar, and file:// without its legacy privileges.
 * Electron docs: https://www.electronjs.org/docs/latest/tutorial/fuses (2026-11).
 */
describe('electron-builder.yml: Electron fuses', () => {
  it('turns off every way to run other code in the packaged app', async () => {
    const config = parse(await readFile(join(repo, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, unknown>;
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows (a typo would be refused, or worse, ignored)', async () => {
    const config = parse(await readFile(join(repo, 'electron-builder.yml'), 'utf8')) as {
      electronFuses: Record<string, unknown>;
    };
    const scheme = JSON.parse(
      await readFile(join(repo, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as Scheme;
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses).filter((key) => !known.includes(key))).toEqual([]);
  });

  it('keeps the app in an asar archive (onlyLoadAppFromAsar needs one)', async () => {
    const config = parse(await readFile(join(repo, 'electron-builder.yml'), 'utf8')) as {
      asar?: unknown;
    };
    expect(config.asar ?? true).not.toBe(false);
  });
});
