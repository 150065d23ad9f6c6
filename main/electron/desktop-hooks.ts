import { SyncError } from '../../app/errors/sync-error.js';
import { HIDDEN_FLAG } from './launch-options.js';

/** What the engine host asks of the desktop (`DesktopHooks` in main/ui-host/ferry-ui-host.ts). */
export interface DesktopIntegration {
  openPath(path: string): Promise<void>;
  getStartAtLogin(): boolean;
  setStartAtLogin(enabled: boolean): void;
  pickFiles(): Promise<readonly string[]>;
  pickFolder(): Promise<string | null>;
}

/** What `dialog.showOpenDialog` (parented to our window by main.ts) takes and answers. */
export type ShowOpenDialog = (options: {
  readonly properties: ('openFile' | 'openDirectory' | 'multiSelections')[];
}) => Promise<{ canceled: boolean; filePaths: string[] }>;

/** The parts of Electron's `shell` and `app` used here. */
export interface DesktopApis {
  readonly shell: { openPath(path: string): Promise<string> };
  readonly app: {
    getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
    setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  };
  readonly platform: NodeJS.Platform;
  /** The real path of an existing directory, or null (`real-directory.ts`). */
  readonly realDirectory: (path: string) => Promise<string | null>;
  /** Electron's `dialog.showOpenDialog`, parented to Ferry's window. */
  readonly showOpenDialog: ShowOpenDialog;
  /** Linux only: Electron's login items do nothing there (`LinuxAutostart`). */
  readonly linuxAutostart?: {
    isEnabled(): boolean;
    setEnabled(enabled: boolean): void;
  };
}

export function createDesktopHooks(apis: DesktopApis): DesktopIntegration {
  // Windows matches the login item by path *and* arguments, so reading must name them too.
  const loginItem = { args: [HIDDEN_FLAG] };
  const autostart = apis.platform === 'linux' ? apis.linuxAutostart : undefined;
  return {
    async openPath(path) {
      // Only folders: the path comes from the config file, which the bridge can rewrite, and
      // opening a file would run it (a script, a .desktop launcher, an .exe).
      const directory = await apis.realDirectory(path);
      if (directory === null) {
        throw new SyncError('not-found', 'no-retry', `${path} is not an existing folder.`, {
          hint: "Check the folder's path in the configuration; Ferry opens folders only.",
        });
      }
      // shell.openPath resolves with an error message, or "" when the file manager took it.
      const problem = await apis.shell.openPath(directory);
      if (problem) {
        throw new SyncError('unsupported', 'no-retry', `Cannot open ${path}: ${problem}`, {
          hint: 'Check that the folder exists and that the desktop has a file manager.',
        });
      }
    },
    getStartAtLogin() {
      if (autostart) return autostart.isEnabled();
      return apis.app.getLoginItemSettings(loginItem).openAtLogin;
    },
    setStartAtLogin(enabled) {
      if (autostart) autostart.setEnabled(enabled);
      else apis.app.setLoginItemSettings({ openAtLogin: enabled, ...loginItem });
    },
    async pickFiles() {
      // The paths go to `uploads:add-paths`, the same road as a desktop drop.
      const chosen = await apis.showOpenDialog({ properties: ['openFile', 'multiSelections'] });
      return chosen.canceled ? [] : chosen.filePaths;
    },
    async pickFolder() {
      const chosen = await apis.showOpenDialog({ properties: ['openDirectory'] });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
  };
}
