import type { PushChannel, RequestChannel } from '../../../app/ipc/contract.js';
import type { BridgeReply } from '../../../app/ipc/dispatcher.js';

/**
 * What the Electron preload exposes as `window.ferry` (main/electron/preload.ts). Replies come
 * back as plain `BridgeReply` objects because only plain data crosses contextBridge; the renderer
 * turns failures into `BridgeRequestError`s.
 */
export interface FerryPreloadApi {
  invoke(channel: RequestChannel, args: unknown): Promise<BridgeReply>;
  on(channel: PushChannel, listener: (payload: unknown) => void): () => void;
  /** The absolute path of a dropped file or folder (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    /** Present in the Electron window only; a browser on `ferry serve` uses the WebSocket. */
    readonly ferry?: FerryPreloadApi;
  }
}
