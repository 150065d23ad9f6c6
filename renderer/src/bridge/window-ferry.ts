import type { PreloadApi } from '../../../app/ipc/preload-api.js';

/** `window.ferry` as the renderer sees it: the shared declaration (app/ipc/preload-api.ts) with
 *  the DOM's File. */
export type FerryPreloadApi = PreloadApi<File>;

declare global {
  interface Window {
    /** Present in the Electron window only; a browser on `ferry serve` uses the WebSocket. */
    readonly ferry?: FerryPreloadApi;
  }
}
