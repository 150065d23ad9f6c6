import { contextBridge, ipcRenderer, webUtils } from 'electron';

import { PRELOAD_GLOBAL } from '../../app/ipc/preload-api.js';
import { createPreloadApi } from './preload-bridge.js';

// The sandboxed preload: the renderer's only door to the engine (DESIGN.md §5). It exposes the
// typed bridge and nothing else. Bundled to out/preload/preload.cjs by preload.vite.config.ts,
// because a sandboxed preload cannot load other files.
contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer, webUtils));
