import { ipcMain } from 'electron';

import { registerIpc, type RegisterIpcOptions } from './ipc-registration.js';

/**
 * The one file that touches Electron's `ipcMain` (lint: eslint.config.js), so there is one door
 * into main to review: every request goes through `registerIpc`'s sender check and the contract's
 * schemas (ipc-registration.ts). Returns the function that removes the handlers and the feed.
 */
export function registerElectronIpc(options: Omit<RegisterIpcOptions, 'ipcMain'>): () => void {
  return registerIpc({ ...options, ipcMain });
}
