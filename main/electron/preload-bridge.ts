import type { BridgeReply } from '../../app/ipc/dispatcher.js';
import {
  preloadPushChannels,
  preloadRequestChannels,
  type PreloadApi,
} from '../../app/ipc/preload-api.js';

/**
 * The object behind `window.ferry`, built from Electron's `ipcRenderer` and `webUtils` (passed
 * in, so it is testable under plain Node). Imports nothing at runtime but the channel lists: it
 * is bundled into the sandboxed preload (`preload.vite.config.ts`).
 */

/** The parts of Electron's `ipcRenderer` used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The part of Electron's `webUtils` used here (available in sandboxed preloads). */
export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

const requestChannels: ReadonlySet<string> = new Set(preloadRequestChannels);
const pushChannels: ReadonlySet<string> = new Set(preloadPushChannels);

export function createPreloadApi(ipcRenderer: IpcRendererLike, webUtils: WebUtilsLike) {
  return {
    invoke(channel, args) {
      // Checked here too (main checks again): a page script cannot reach any other channel.
      if (typeof channel !== 'string' || !requestChannels.has(channel)) {
        return Promise.resolve(unknownChannel(channel));
      }
      return ipcRenderer.invoke(channel, args) as Promise<BridgeReply>;
    },
    on(channel, listener) {
      if (typeof channel !== 'string' || !pushChannels.has(channel)) {
        throw new TypeError(`Not a push channel: ${String(channel).slice(0, 80)}`);
      }
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      // The renderer gets the payload only: Electron's event object carries `sender`, which
      // would hand the page an ipcRenderer.
      const forward = (_event: unknown, payload: unknown) => {
        (listener as (payload: unknown) => void)(payload);
      };
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
    pathForFile(file) {
      return webUtils.getPathForFile(file);
    },
  } satisfies PreloadApi<File>;
}

function unknownChannel(channel: unknown): BridgeReply {
  return {
    ok: false,
    error: {
      code: 'bad-request',
      message: `Unknown request channel ${JSON.stringify(String(channel)).slice(0, 80)}.`,
    },
  };
}
