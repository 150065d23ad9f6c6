import type { PushChannel, PushPayloads, RequestChannel } from './contract.js';
import type { BridgeReply } from './dispatcher.js';

/**
 * What the Electron preload exposes to the renderer as `window.ferry`, the one declaration both
 * sides use: the preload builds it (main/electron/preload-bridge.ts), the renderer wraps it into
 * a `FerryBridge` (renderer/src/bridge/desktop-bridge.ts), turning `ok: false` replies into
 * `BridgeRequestError`s. Nothing else crosses the context bridge (no ipcRenderer, no Node), and
 * only plain data does, so replies are plain `BridgeReply` objects.
 *
 * `DroppedFile` is the DOM's `File` on both sides; it is a parameter because app/ sees no DOM
 * types (app/tsconfig.json).
 */
export interface PreloadApi<DroppedFile> {
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
  /** The absolute path of a dropped file or folder (Electron's `webUtils.getPathForFile`); ""
   *  when it has none. */
  pathForFile(file: DroppedFile): string;
}

/** The global the preload defines. */
export const PRELOAD_GLOBAL = 'ferry';

/*
 * The channels the preload lets through, as plain literals. The contract's own lists live next
 * to the zod schemas (contract.ts), and importing them would bundle zod and every schema into
 * the sandboxed preload: this file imports types only. The compiler keeps these lists complete
 * (`Covers` below fails with the missing channel's name) and a unit test checks they equal the
 * contract's (test/unit/main/electron/preload-bridge.test.ts).
 */
export const preloadRequestChannels = [
  'app:get-snapshot',
  'transfers:list',
  'transfers:retry',
  'folders:pause',
  'folders:resume',
  'folders:sync-now',
  'folders:confirm-deletes',
  'folders:open',
  'credentials:refresh',
  'secrets:set',
  'secrets:delete',
  'uploads:add-paths',
  'config:get',
  'config:save',
  'settings:set-start-at-login',
  'dialog:pick-files',
  'dialog:pick-folder',
  'fs:complete-directory',
] as const satisfies readonly RequestChannel[];

export const preloadPushChannels = [
  'snapshot:changed',
  'transfers:changed',
  'notice',
] as const satisfies readonly PushChannel[];

type Covers<Missing> = [Missing] extends [never] ? true : Missing;
type MustBeTrue<T extends true> = T;

/** Compile-time check: every request channel of the contract is listed above. */
export type AllRequestChannelsListed = MustBeTrue<
  Covers<Exclude<RequestChannel, (typeof preloadRequestChannels)[number]>>
>;
/** Compile-time check: every push channel of the contract is listed above. */
export type AllPushChannelsListed = MustBeTrue<
  Covers<Exclude<PushChannel, (typeof preloadPushChannels)[number]>>
>;
