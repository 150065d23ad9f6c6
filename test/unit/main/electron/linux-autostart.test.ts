import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  autostartCommand,
  desktopEntry,
  LinuxAutostart,
  quoteExecArgument,
} from '../../../../main/electron/linux-autostart.js';

describe('LinuxAutostart', () => {
  it('writes, reads and removes ~/.config/autostart/ferry.desktop', async () => {
    const configHome = await mkdtemp(join(tmpdir(), 'ferry-autostart-'));
    const autostart = new LinuxAutostart(configHome, ['/opt/Ferry/ferry', '--hidden']);
    const file = join(configHome, 'autostart', 'ferry.desktop');
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(true);
    expect(autostart.isEnabled()).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('\nExec=/opt/Ferry/ferry --hidden\n');
    autostart.setEnabled(false);
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(false); // already gone: no error
  });

  it.each(['Hidden=true', 'X-GNOME-Autostart-enabled=false'])(
    'reads an entry switched off with %s as off',
    async (line) => {
      const configHome = await mkdtemp(join(tmpdir(), 'ferry-autostart-'));
      const autostart = new LinuxAutostart(configHome, ['/opt/Ferry/ferry']);
      autostart.setEnabled(true);
      const file = join(configHome, 'autostart', 'ferry.desktop');
      const entry = (await readFile(file, 'utf8')).replace('X-GNOME-Autostart-enabled=true', line);
      await writeFile(file, entry);
      expect(autostart.isEnabled()).toBe(false);
    },
  );
});

describe('desktopEntry', () => {
  it('is a valid autostart entry', () => {
    expect(desktopEntry(['/opt/Ferry/ferry', '--hidden']).split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Ferry',
      'Comment=Sync folders to object storage',
      'Exec=/opt/Ferry/ferry --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });
});

describe('quoteExecArgument', () => {
  it.each<[string, string]>([
    ['/opt/Ferry/ferry', '/opt/Ferry/ferry'],
    ['--hidden', '--hidden'],
    ['/home/ann/My Apps/Ferry.AppImage', '"/home/ann/My Apps/Ferry.AppImage"'],
    ['/opt/100%/ferry', '/opt/100%%/ferry'],
    ['/a/$HOME', '"/a/\\\\$HOME"'],
    ['/a/"q"', '"/a/\\\\"q\\\\""'],
    ['/a\\b', '"/a\\\\\\\\b"'],
  ])('%j → %j', (argument, expected) => {
    expect(quoteExecArgument(argument)).toBe(expected);
  });
});

describe('autostartCommand', () => {
  const base = { execPath: '/opt/Ferry/ferry', appPath: '/src/ferry', hiddenFlag: '--hidden' };
  it.each<[string, Parameters<typeof autostartCommand>[0], string[]]>([
    [
      'an AppImage through $APPIMAGE',
      { ...base, appImage: '/home/a/Ferry.AppImage', isPackaged: true },
      ['/home/a/Ferry.AppImage', '--hidden'],
    ],
    [
      'a packaged install',
      { ...base, appImage: undefined, isPackaged: true },
      ['/opt/Ferry/ferry', '--hidden'],
    ],
    [
      '`electron .` with its app folder',
      { ...base, appImage: undefined, isPackaged: false },
      ['/opt/Ferry/ferry', '/src/ferry', '--hidden'],
    ],
  ])('starts %s', (_name, options, expected) => {
    expect(autostartCommand(options)).toEqual(expected);
  });
});
