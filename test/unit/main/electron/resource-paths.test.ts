import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { resolveAppRequest } from '../../../../main/electron/app-protocol.js';
import { appResources, trayIconPath } from '../../../../main/electron/resource-paths.js';

describe('appResources', () => {
  it('finds the built files in the repository, tray icons in build/tray', () => {
    const resources = appResources({
      appPath: '/src/ferry',
      isPackaged: false,
      resourcesPath: '/usr/lib/electron/resources',
    });
    expect(resources).toEqual({
      preload: join('/src/ferry', 'out', 'preload', 'preload.cjs'),
      rendererDir: join('/src/ferry', 'out', 'renderer'),
      rendererUrl: 'app://ferry/index.html',
      trayIconDir: join('/src/ferry', 'build', 'tray'),
    });
  });

  it('finds them in the package: out/ in the archive, tray icons beside it', () => {
    const resources = appResources({
      appPath: '/opt/Ferry/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Ferry/resources',
    });
    expect(resources.preload).toBe(
      join('/opt/Ferry/resources/app.asar', 'out', 'preload', 'preload.cjs'),
    );
    expect(resources.trayIconDir).toBe(join('/opt/Ferry/resources', 'tray'));
  });

  it('serves the page from app://ferry, never file://, wherever the app is installed', () => {
    const appPath = '/home/ann/My Apps/费瑞 #1';
    const { rendererUrl, rendererDir } = appResources({
      appPath,
      isPackaged: false,
      resourcesPath: '/r',
    });
    expect(rendererUrl).toBe('app://ferry/index.html');
    expect(resolveAppRequest(rendererDir, rendererUrl)).toBe(join(rendererDir, 'index.html'));
  });
});

describe('trayIconPath', () => {
  it('names one file per state', () => {
    expect(trayIconPath('/icons', 'credentials-expiring')).toBe(
      join('/icons', 'tray-credentials-expiring.png'),
    );
  });
});
