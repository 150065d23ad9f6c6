import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's security settings (Electron security checklist #2–#4, #6, #8–#10): the
 * renderer gets no Node and runs sandboxed and isolated; the preload with the typed bridge
 * arrives with the IPC contract (issue 4). Kept apart from main.ts so a unit test can pin them down.
 */
export function mainWindowOptions(): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    title: 'Ferry',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}
