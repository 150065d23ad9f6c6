import type { PushChannel, PushPayloads, RequestChannel } from '../../app/ipc/contract.js';
import type { BridgeReply } from '../../app/ipc/dispatcher.js';

/**
 * What the preload exposes to the renderer as `window.ferry` — nothing else crosses the context
 * bridge (no ipcRenderer, no Node). The renderer declares the same shape for its global and wraps
 * it into a `FerryBridge` (turning `ok: false` replies into `BridgeRequestError`s).
 */
export interface PreloadApi {
  /**
   * Sends one request to main and resolves with its reply; never rejects for an engine error.
   * A channel outside the contract is refused here with a `bad-request` reply, unsent.
   */
  invoke(channel: RequestChannel, args: unknown): Promise<BridgeReply>;
  /**
   * Listens to one push channel; the listener gets the payload only (never Electron's event
   * object). Throws for a channel that is not a push channel. Returns the unsubscribe function.
   */
  on<P extends PushChannel>(channel: P, listener: (payload: PushPayloads[P]) => void): () => void;
  /** The absolute path of a dropped file (`webUtils.getPathForFile`); "" when it has none. */
  pathForFile(file: File): string;
}

/** The global the preload defines. */
export const PRELOAD_GLOBAL = 'ferry';
