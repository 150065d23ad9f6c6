import type { MenuItemConstructorOptions } from 'electron';

import type { TrayAction, TrayMenuItem } from '../../app/presentation/tray/tray-menu.js';

/**
 * Turns the tray's plain menu model into Electron's menu template. On Windows and Linux a single
 * `&` in a label marks a keyboard mnemonic and disappears, so file and folder names have theirs
 * doubled there; macOS shows labels as they are.
 */
export function toMenuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const label = (text: string) => (platform === 'darwin' ? text : text.replaceAll('&', '&&'));
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { id: item.id, type: 'separator' };
    if (item.type === 'submenu') {
      return {
        id: item.id,
        label: label(item.label),
        enabled: item.enabled,
        submenu: toMenuTemplate(item.submenu ?? [], onAction, platform),
      };
    }
    const { action } = item;
    return {
      id: item.id,
      label: label(item.label),
      enabled: item.enabled,
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}
