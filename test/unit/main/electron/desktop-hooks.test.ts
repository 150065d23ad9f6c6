import { describe, expect, it } from 'vitest';

import { isSyncError } from '../../../../app/errors/sync-error.js';
import { createDesktopHooks, type DesktopApis } from '../../../../main/electron/desktop-hooks.js';

/** Electron's login items as the OS keeps them: on Windows an entry is path *and* arguments. */
function fakeApis(
  platform: NodeJS.Platform,
  openResult = '',
  directories: Record<string, string> = {
    '/home/ann/Documents': '/home/ann/Documents',
    '/gone-later': '/gone-later',
  },
) {
  const loginItems = new Map<string, boolean>();
  const autostart = { enabled: false };
  const opened: string[] = [];
  const dialogs: string[][] = [];
  const dialogAnswers: { canceled: boolean; filePaths: string[] }[] = [];
  const apis: DesktopApis = {
    showOpenDialog: (options) => {
      dialogs.push([...options.properties]);
      return Promise.resolve(dialogAnswers.shift() ?? { canceled: true, filePaths: [] });
    },
    platform,
    shell: {
      openPath: (path) => {
        opened.push(path);
        return Promise.resolve(openResult);
      },
    },
    app: {
      getLoginItemSettings: (options) => ({
        openAtLogin: loginItems.get(JSON.stringify(options?.args ?? [])) ?? false,
      }),
      setLoginItemSettings: (settings) =>
        void loginItems.set(JSON.stringify(settings.args ?? []), settings.openAtLogin),
    },
    // What exists on disk: a path → its real path when it is a directory.
    realDirectory: (path) => Promise.resolve(directories[path] ?? null),
    linuxAutostart: {
      isEnabled: () => autostart.enabled,
      setEnabled: (enabled) => void (autostart.enabled = enabled),
    },
  };
  return { apis, loginItems, autostart, opened, dialogs, dialogAnswers };
}

describe('createDesktopHooks', () => {
  it.each<NodeJS.Platform>(['win32', 'darwin'])(
    'keeps start at login in the OS login items on %s, starting hidden',
    (platform) => {
      const { apis, loginItems, autostart } = fakeApis(platform);
      const hooks = createDesktopHooks(apis);
      expect(hooks.getStartAtLogin()).toBe(false);
      hooks.setStartAtLogin(true);
      expect(hooks.getStartAtLogin()).toBe(true);
      expect([...loginItems]).toEqual([['["--hidden"]', true]]);
      hooks.setStartAtLogin(false);
      expect(hooks.getStartAtLogin()).toBe(false);
      expect(autostart.enabled).toBe(false);
    },
  );

  it('uses the XDG autostart entry on Linux, where login items do nothing', () => {
    const { apis, loginItems, autostart } = fakeApis('linux');
    const hooks = createDesktopHooks(apis);
    hooks.setStartAtLogin(true);
    expect(autostart.enabled).toBe(true);
    expect(hooks.getStartAtLogin()).toBe(true);
    expect(loginItems.size).toBe(0);
  });

  it('opens a folder in the file manager', async () => {
    const { apis, opened } = fakeApis('linux');
    await createDesktopHooks(apis).openPath('/home/ann/Documents');
    expect(opened).toEqual(['/home/ann/Documents']);
  });

  it('turns the file manager’s refusal into a SyncError with a hint', async () => {
    const { apis } = fakeApis('linux', 'Failed to open path');
    const error: unknown = await createDesktopHooks(apis)
      .openPath('/gone-later')
      .catch((e: unknown) => e);
    expect(isSyncError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'unsupported',
      message: 'Cannot open /gone-later: Failed to open path',
      hint: expect.any(String),
    });
  });

  it('opens only existing directories, by their real path: never a file the OS would run', async () => {
    const { apis, opened } = fakeApis('linux', '', {
      '/home/ann/link-to-docs': '/home/ann/Documents',
    });
    const hooks = createDesktopHooks(apis);
    await hooks.openPath('/home/ann/link-to-docs');
    expect(opened).toEqual(['/home/ann/Documents']);
    for (const path of ['/home/ann/Downloads/installer.sh', '/missing', 'relative/dir']) {
      await expect(hooks.openPath(path)).rejects.toMatchObject({
        code: 'not-found',
        hint: expect.stringContaining('folder'),
      });
    }
    expect(opened).toEqual(['/home/ann/Documents']);
  });

  it('asks the system dialog for files (several) or one folder, and reports a cancel as nothing', async () => {
    const { apis, dialogs, dialogAnswers } = fakeApis('linux');
    const hooks = createDesktopHooks(apis);
    dialogAnswers.push({ canceled: false, filePaths: ['/home/ann/a.txt', '/home/ann/b.txt'] });
    expect(await hooks.pickFiles()).toEqual(['/home/ann/a.txt', '/home/ann/b.txt']);
    expect(await hooks.pickFiles()).toEqual([]);
    dialogAnswers.push({ canceled: false, filePaths: ['/home/ann/Documents'] });
    expect(await hooks.pickFolder()).toBe('/home/ann/Documents');
    expect(await hooks.pickFolder()).toBeNull();
    expect(dialogs).toEqual([
      ['openFile', 'multiSelections'],
      ['openFile', 'multiSelections'],
      ['openDirectory'],
      ['openDirectory'],
    ]);
  });
});
