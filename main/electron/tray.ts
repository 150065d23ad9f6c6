import { Menu, nativeImage, Tray, type NativeImage } from 'electron';

import type { TrayState } from '../../app/ipc/views.js';
import { trayIconPath } from './resource-paths.js';
import type { TrayView } from './tray-controller.js';
import { toMenuTemplate } from './tray-menu-template.js';

/**
 * The OS tray icon: the thin Electron side of `TrayView`. Icons are PNG files per state
 * (build/tray/tray-<state>.png and @2x); Electron picks the @2x file on HiDPI screens.
 */
export function createElectronTray(options: {
  readonly iconDir: string;
  readonly initialState: TrayState;
  readonly onClick: () => void;
}): TrayView & { destroy(): void } {
  const images = new Map<TrayState, NativeImage>();
  const image = (state: TrayState) => {
    let found = images.get(state);
    if (!found) {
      found = nativeImage.createFromPath(trayIconPath(options.iconDir, state));
      images.set(state, found);
    }
    return found;
  };
  const tray = new Tray(image(options.initialState));
  // Windows opens the app on a click; macOS shows the menu itself; Linux (AppIndicator) only
  // knows the menu, which is why "Open Ferry" is its first action.
  if (process.platform !== 'darwin') tray.on('click', options.onClick);
  return {
    showState: (state) => tray.setImage(image(state)),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (items, onAction) =>
      tray.setContextMenu(
        Menu.buildFromTemplate(toMenuTemplate(items, onAction, process.platform)),
      ),
    destroy: () => tray.destroy(),
  };
}
