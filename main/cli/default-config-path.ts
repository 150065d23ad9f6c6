import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

import { SyncError } from '../../app/errors/sync-error.js';

export interface ConfigChoice {
  readonly path: string;
  /** Where the path came from, for the error when there is no file there. */
  readonly from: 'flag' | 'FERRY_CONFIG' | 'default';
}

/**
 * The desktop app's config file: `config.yaml` in Electron's `userData`, which main.ts sets to
 * `<appData>/Ferry`. Electron's appData is `%APPDATA%` on Windows, `~/Library/Application
 * Support` on macOS and `$XDG_CONFIG_HOME` or `~/.config` on Linux (electronjs.org/docs/latest/
 * api/app#appgetpathname, read 2026-11). The CLI uses the same file, so `ferry sync` with no
 * flag syncs what the app was set up with.
 */
export function desktopConfigPath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const appData =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(appData, 'Ferry', 'config.yaml');
}

/** `--config FILE`, else FERRY_CONFIG, else the desktop app's file — the app's own order. */
export function chooseConfig(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): ConfigChoice {
  if (flag) return { path: flag, from: 'flag' };
  const fromEnv = env['FERRY_CONFIG'];
  if (fromEnv) {
    return { path: isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv), from: 'FERRY_CONFIG' };
  }
  return { path: desktopConfigPath(env), from: 'default' };
}

/**
 * The config path to use; without a file there (and no --config), a clear error saying where
 * Ferry looked. A missing `--config FILE` is reported by the loader as before.
 */
export function configPathFor(flag: string | undefined): string {
  const choice = chooseConfig(flag);
  if (choice.from === 'flag' || existsSync(choice.path)) return choice.path;
  const where =
    choice.from === 'FERRY_CONFIG'
      ? `FERRY_CONFIG names ${choice.path}, which does not exist.`
      : `No --config given and no config at ${choice.path} (the desktop app's).`;
  throw new SyncError('config-invalid', 'fatal', where, {
    hint:
      choice.from === 'FERRY_CONFIG'
        ? 'Fix or unset FERRY_CONFIG, or pass --config FILE.'
        : 'Pass --config FILE, set FERRY_CONFIG, or set Ferry up once in the desktop app (it writes that file).',
  });
}
