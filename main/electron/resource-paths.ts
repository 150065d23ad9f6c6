import { join } from 'node:path';

import type { TrayState } from '../../app/ipc/views.js';
import { APP_PAGE_URL } from './app-protocol.js';

/** Where the app runs from (Electron's `app.getAppPath()`, `app.isPackaged`, `process.resourcesPath`). */
export interface AppLocation {
  readonly appPath: string;
  readonly isPackaged: boolean;
  readonly resourcesPath: string;
}

export interface AppResources {
  /** The bundled sandboxed preload (`npm run build:preload`). */
  readonly preload: string;
  /** The built renderer (`npm run build:renderer`), served on app://ferry/. */
  readonly rendererDir: string;
  /** The page's URL, as its frame reports it (checked on every IPC request). */
  readonly rendererUrl: string;
  /** The per-state tray icons. */
  readonly trayIconDir: string;
}

/**
 * The built files the shell loads. `out/` sits in the app path both in the repository
 * (`electron .`) and in the package (inside app.asar). The tray icons are copied beside the
 * archive by electron-builder (`extraResources`), so the OS tray can read them as plain files;
 * in the repository they are in build/tray.
 */
export function appResources(location: AppLocation): AppResources {
  return {
    preload: join(location.appPath, 'out', 'preload', 'preload.cjs'),
    rendererDir: join(location.appPath, 'out', 'renderer'),
    rendererUrl: APP_PAGE_URL,
    trayIconDir: location.isPackaged
      ? join(location.resourcesPath, 'tray')
      : join(location.appPath, 'build', 'tray'),
  };
}

/** The tray icon of a state; Electron picks `tray-<state>@2x.png` beside it on HiDPI screens. */
export function trayIconPath(iconDir: string, state: TrayState): string {
  return join(iconDir, `tray-${state}.png`);
}
