import { join } from 'node:path';

import { app, BrowserWindow, session } from 'electron';

import { mainWindowOptions } from './window-options.js';

// The desktop shell: composition only (DESIGN.md §5). The engine, tray, IPC and renderer are
// wired here as they land (issue 4); today it opens the hardened window on the renderer page.

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // No navigation away from our page, no pop-ups (checklist #13, #14).
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    // Ferry needs no camera, notifications-by-web-API, geolocation…: deny every request (#5).
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    window = new BrowserWindow(mainWindowOptions());
    window.once('ready-to-show', () => window?.show());
    await window.loadFile(join(app.getAppPath(), 'renderer', 'index.html'));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
