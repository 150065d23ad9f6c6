import { describe, expect, it } from 'vitest';

import type { TrayAction, TrayMenuItem } from '../../../../app/presentation/tray/tray-menu.js';
import { toMenuTemplate } from '../../../../main/electron/tray-menu-template.js';

const items: TrayMenuItem[] = [
  { id: 'status', label: 'syncing 2 files', enabled: false },
  { id: 'sep', label: '', enabled: false, type: 'separator' },
  {
    id: 'open-folder',
    label: 'Open folder',
    enabled: true,
    type: 'submenu',
    submenu: [
      {
        id: 'open-folder:r-d',
        label: 'r-d — /data/R&D',
        enabled: true,
        action: { kind: 'open-folder', folderId: 'r-d' },
      },
    ],
  },
  { id: 'quit', label: 'Quit Ferry', enabled: true, action: { kind: 'quit' } },
];

describe('toMenuTemplate', () => {
  it('maps items, separators and submenus, and clicks to their actions', () => {
    const clicked: TrayAction[] = [];
    const template = toMenuTemplate(items, (action) => clicked.push(action), 'linux');
    expect(template.map((entry) => [entry.id, entry.type ?? 'normal', entry.enabled])).toEqual([
      ['status', 'normal', false],
      ['sep', 'separator', undefined],
      ['open-folder', 'normal', true],
      ['quit', 'normal', true],
    ]);
    expect(template[0]?.click).toBeUndefined();
    const submenu = template[2]?.submenu;
    if (!Array.isArray(submenu)) throw new Error('expected a submenu template');
    const click = (entry: (typeof template)[number] | undefined) =>
      (entry?.click as (() => void) | undefined)?.();
    click(submenu[0]);
    click(template[3]);
    expect(clicked).toEqual([{ kind: 'open-folder', folderId: 'r-d' }, { kind: 'quit' }]);
  });

  it.each<[NodeJS.Platform, string]>([
    ['linux', 'r-d — /data/R&&D'],
    ['win32', 'r-d — /data/R&&D'],
    ['darwin', 'r-d — /data/R&D'],
  ])('keeps a literal & on %s', (platform, expected) => {
    const submenu = toMenuTemplate(items, () => undefined, platform)[2]?.submenu;
    expect(Array.isArray(submenu) ? submenu[0]?.label : undefined).toBe(expected);
  });
});
