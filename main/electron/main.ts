import { join } from 'node:path';

import { app, BrowserWindow, dialog, session, shell } from 'electron';

import { toBridgeError } from '../../app/ipc/dispatcher.js';
import { trayStrings } from '../../app/presentation/tray/tray-strings.js';
import { EnvOverlaySecretStore } from '../adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../adapters/secrets/keytar-secret-store.js';
import { SessionMemorySecretStore } from '../adapters/secrets/session-memory-secret-store.js';
import { startFerryUiHost, type FerryUiHost } from '../ui-host/ferry-ui-host.js';
import { APP_PAGE_URL } from './app-protocol.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol-handler.js';
import { createDesktopHooks } from './desktop-hooks.js';
import { registerElectronIpc } from './ipc.js';
import { HIDDEN_FLAG, launchOptions } from './launch-options.js';
import { autostartCommand, LinuxAutostart } from './linux-autostart.js';
import { startNotifications } from './notifications.js';
import { createQuitSequence } from './quit-sequence.js';
import { realDirectory } from './real-directory.js';
import { appResources } from './resource-paths.js';
import { createElectronTray } from './tray.js';
import { startTrayController } from './tray-controller.js';
import { createTrustedSenderCheck } from './trusted-sender.js';
import { mainWindowOptions } from './window-options.js';

// The desktop shell: composition only (DESIGN.md §5). Everything with logic lives in a module
// that is tested under plain Node; this file wires those modules to Electron.

// The same data folder unpackaged (`electron .`, named after package.json "ferry") and packaged
// ("Ferry"): one config file, one single-instance lock. Must precede the lock.
app.setPath('userData', join(app.getPath('appData'), 'Ferry'));

// The renderer's own origin, app://ferry (app-protocol.ts); privileged schemes must be known
// before the app is ready.
registerAppScheme();

// One Ferry per user: launching it again shows the running one.
if (!app.requestSingleInstanceLock()) app.quit();
else runShell();

function runShell(): void {
  const launch = launchOptions(process.argv, process.env, app.getPath('userData'), process.cwd());
  const resources = appResources({
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  let window: BrowserWindow | undefined;
  let host: FerryUiHost | undefined;
  const disposers: (() => void)[] = [];

  const liveContents = () => (window && !window.isDestroyed() ? window.webContents : undefined);
  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const quitSequence = createQuitSequence({
    stop: async () => {
      for (const dispose of disposers.splice(0).reverse()) dispose();
      await host?.stop();
    },
    quit: () => app.quit(),
    onStopError: (error) => logError('stopping the engine', error),
  });

  if (process.platform === 'win32') app.setAppUserModelId('io.ferry.desktop'); // toasts need it
  app.on('web-contents-created', (_event, contents) => {
    // No navigation away from our page, no pop-ups, no webviews (checklist #13, #14).
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('second-instance', showWindow);
  app.on('activate', showWindow); // macOS: a click on the Dock icon
  app.on('before-quit', (event) => quitSequence.onBeforeQuit(event));
  // Closing the window only hides it; Ferry keeps syncing in the tray until Quit.
  app.on('window-all-closed', () => undefined);

  const createWindow = (hidden: boolean): BrowserWindow => {
    const created = new BrowserWindow(mainWindowOptions({ preloadPath: resources.preload }));
    created.once('ready-to-show', () => {
      if (!hidden) created.show();
    });
    created.on('close', (event) => {
      if (quitSequence.isQuitting()) return;
      event.preventDefault();
      created.hide();
    });
    return created;
  };

  const start = async () => {
    // Ferry needs no camera, geolocation, notifications-by-web-API… (checklist #5). Writing
    // text to the clipboard ("copy error details") is the one thing a page may do.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(permission === 'clipboard-sanitized-write'),
    );
    session.defaultSession.setPermissionCheckHandler(
      (_contents, permission) => permission === 'clipboard-sanitized-write',
    );
    const strings = trayStrings(app.getLocale());
    const started = await startFerryUiHost({
      configPath: launch.configPath,
      secrets: new EnvOverlaySecretStore(new SessionMemorySecretStore(new KeytarSecretStore())),
      host: 'desktop',
      desktop: createDesktopHooks({
        shell,
        app,
        platform: process.platform,
        realDirectory,
        // Parented to the window, so the dialog is modal to it and opens on its screen.
        showOpenDialog: (options) =>
          window && !window.isDestroyed()
            ? dialog.showOpenDialog(window, { properties: [...options.properties] })
            : dialog.showOpenDialog({ properties: [...options.properties] }),
        linuxAutostart: new LinuxAutostart(
          app.getPath('appData'),
          autostartCommand({
            execPath: process.execPath,
            appImage: process.env['APPIMAGE'],
            isPackaged: app.isPackaged,
            appPath: app.getAppPath(),
            hiddenFlag: HIDDEN_FLAG,
          }),
        ),
      }),
    });
    host = started;
    const openedAtLogin =
      process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
    const ownWindow = createWindow(launch.hidden || openedAtLogin);
    window = ownWindow;

    disposers.push(
      registerElectronIpc({
        host: started,
        isTrustedSender: createTrustedSenderCheck({
          contents: liveContents,
          rendererUrl: resources.rendererUrl,
          caseInsensitivePaths: process.platform !== 'linux',
        }),
        pushTarget: liveContents,
      }),
    );
    const tray = createElectronTray({
      iconDir: resources.trayIconDir,
      initialState: started.snapshot().trayState,
      onClick: showWindow,
    });
    const trayController = startTrayController({
      host: started,
      view: tray,
      strings,
      now: Date.now,
      showWindow,
      quit: () => app.quit(),
      reportError: (error) => logError('tray', error),
    });
    // Disposed in reverse: the controller stops before its tray goes.
    disposers.push(
      () => tray.destroy(),
      () => trayController.dispose(),
    );
    disposers.push(
      startNotifications({
        host: started,
        strings,
        shouldNotify: () =>
          ownWindow.isDestroyed() || !(ownWindow.isVisible() && ownWindow.isFocused()),
        showWindow,
      }),
    );
    // app://ferry serves the packaged renderer only, with the CSP as a response header
    // (app-protocol.ts); the page never loads from file://.
    serveAppProtocol(resources.rendererDir);
    await ownWindow.loadURL(APP_PAGE_URL);
  };

  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      const { message, hint } = toBridgeError(error);
      dialog.showErrorBox('Ferry cannot start', hint ? `${message}\n\n${hint}` : message);
      await host?.stop().catch(() => undefined);
      app.exit(1);
    });
}

/** Main-process errors go to stderr by code and message: SyncError messages carry no secret. */
function logError(context: string, error: unknown): void {
  const { code, message } = toBridgeError(error);
  console.error(`ferry: ${context}: ${code}: ${message}`);
}
