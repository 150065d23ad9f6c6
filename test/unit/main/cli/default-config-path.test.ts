import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { chooseConfig, desktopConfigPath } from '../../../../main/cli/default-config-path.js';

describe("the CLI config default: --config, FERRY_CONFIG, then the desktop app's file", () => {
  it("is the desktop app's <appData>/Ferry/config.yaml on each platform", () => {
    expect(desktopConfigPath({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Ferry/config.yaml');
    expect(desktopConfigPath({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ana')).toBe(
      '/xdg/Ferry/config.yaml',
    );
    expect(desktopConfigPath({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ana')).toBe(
      '/home/ana/.config/Ferry/config.yaml',
    );
    expect(desktopConfigPath({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Ferry/config.yaml',
    );
    expect(desktopConfigPath({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'x')).toBe(
      join('C:\\Users\\ana\\AppData\\Roaming', 'Ferry', 'config.yaml'),
    );
  });

  it('prefers the flag, then FERRY_CONFIG (relative to the working folder)', () => {
    const env = { FERRY_CONFIG: 'team/ferry.yaml', XDG_CONFIG_HOME: '/xdg' };
    expect(chooseConfig('mine.yaml', env, '/work')).toEqual({ path: 'mine.yaml', from: 'flag' });
    expect(chooseConfig(undefined, env, '/work')).toEqual({
      path: '/work/team/ferry.yaml',
      from: 'FERRY_CONFIG',
    });
    expect(
      chooseConfig(undefined, { FERRY_CONFIG: '', XDG_CONFIG_HOME: '/xdg' }, '/work').from,
    ).toBe('default');
  });
});
