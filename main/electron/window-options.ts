import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's security settings (Electron security checklist #2–#4, #6, #8–#10): the
 * renderer gets no Node and runs sandboxed and isolated; its only door to the engine is the
 * preload's typed bridge. Kept apart from main.ts so a unit test can pin them down.
 */
export function mainWindowOptions(options: {
  readonly preloadPath: string;
}): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    title: 'Ferry',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
