import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { appResources, trayIconPath } from '../../../../main/electron/resource-paths.js';
import { fileUrlPath } from '../../../../main/electron/trusted-sender.js';

describe('appResources', () => {
  it('finds the built files in the repository, tray icons in build/tray', () => {
    const resources = appResources({
      appPath: '/src/ferry',
      isPackaged: false,
      resourcesPath: '/usr/lib/electron/resources',
    });
    expect(resources).toEqual({
      preload: join('/src/ferry', 'out', 'preload', 'preload.cjs'),
      rendererHtml: join('/src/ferry', 'out', 'renderer', 'index.html'),
      rendererUrl: 'file:///src/ferry/out/renderer/index.html',
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

  it('gives a renderer URL that maps back to the page, even with spaces and non-ASCII', () => {
    const appPath = '/home/ann/My Apps/费瑞 #1';
    const { rendererUrl, rendererHtml } = appResources({
      appPath,
      isPackaged: false,
      resourcesPath: '/r',
    });
    expect(rendererUrl).not.toContain(' ');
    expect(fileUrlPath(rendererUrl, false)).toBe(rendererHtml);
  });
});

describe('trayIconPath', () => {
  it('names one file per state', () => {
    expect(trayIconPath('/icons', 'credentials-expiring')).toBe(
      join('/icons', 'tray-credentials-expiring.png'),
    );
  });
});
