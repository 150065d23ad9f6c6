import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { launchOptions } from '../../../../main/electron/launch-options.js';

const userData = '/home/ann/.config/Ferry';
const cwd = '/home/ann/work';

describe('launchOptions', () => {
  it.each<[string, string[], Record<string, string>, string]>([
    ['the data folder by default', ['/opt/Ferry/ferry'], {}, join(userData, 'config.yaml')],
    ['--config FILE', ['ferry', '--config', '/etc/ferry.yaml'], {}, '/etc/ferry.yaml'],
    ['--config=FILE', ['ferry', '--config=/etc/ferry.yaml'], {}, '/etc/ferry.yaml'],
    [
      'a relative --config, from the working folder',
      ['ferry', '--config', 'f.yaml'],
      {},
      join(cwd, 'f.yaml'),
    ],
    ['FERRY_CONFIG', ['ferry'], { FERRY_CONFIG: '/srv/ferry.yaml' }, '/srv/ferry.yaml'],
    [
      'the argument over FERRY_CONFIG',
      ['ferry', '--config', '/a.yaml'],
      { FERRY_CONFIG: '/b.yaml' },
      '/a.yaml',
    ],
    [
      'an empty FERRY_CONFIG as unset',
      ['ferry'],
      { FERRY_CONFIG: '' },
      join(userData, 'config.yaml'),
    ],
    [
      'Electron and Chromium switches around it',
      ['electron', '.', '--no-sandbox', '--config', '/a.yaml', '--enable-logging'],
      {},
      '/a.yaml',
    ],
    ['a --config with no value', ['ferry', '--config'], {}, join(userData, 'config.yaml')],
    [
      'a --config followed by a switch',
      ['ferry', '--config', '--hidden'],
      {},
      join(userData, 'config.yaml'),
    ],
  ])('uses %s', (_name, argv, env, expected) => {
    expect(launchOptions(argv, env, userData, cwd).configPath).toBe(expected);
  });

  it('starts hidden with --hidden (the login item)', () => {
    expect(launchOptions(['ferry', '--hidden'], {}, userData, cwd).hidden).toBe(true);
    expect(launchOptions(['ferry'], {}, userData, cwd).hidden).toBe(false);
  });
});
