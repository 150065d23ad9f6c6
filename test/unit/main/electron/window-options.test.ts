import { describe, expect, it } from 'vitest';

import { mainWindowOptions } from '../../../../main/electron/window-options.js';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node and no webviews', () => {
    expect(
      mainWindowOptions({ preloadPath: '/app/out/preload/preload.cjs' }).webPreferences,
    ).toEqual({
      preload: '/app/out/preload/preload.cjs',
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
    });
  });

  it('stays hidden until the page is ready (no white flash, and a start at login stays in the tray)', () => {
    expect(mainWindowOptions({ preloadPath: '/p' }).show).toBe(false);
  });
});
