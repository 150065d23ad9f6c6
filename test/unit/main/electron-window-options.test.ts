import { describe, expect, it } from 'vitest';

import { mainWindowOptions } from '../../../main/electron/window-options.js';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node and no webviews', () => {
    expect(mainWindowOptions().webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});
