import { requestChannels, type UiHost } from '../../app/ipc/contract.js';
import { createDispatcher, toBridgeError, type BridgeReply } from '../../app/ipc/dispatcher.js';
import { SyncError } from '../../app/errors/sync-error.js';
import type { SenderEventLike } from './trusted-sender.js';

/**
 * How the contract is served over Electron's IPC (DESIGN.md §5), given an `ipcMain` (Electron's,
 * passed in by ipc.ts, the one file that touches it; a fake in tests). Every request channel of the contract gets
 * a handler that first checks the sender, then lets the dispatcher validate the arguments with
 * the contract's zod schemas; only then does the engine's handler run.
 *
 * Refusals are replies, not exceptions: an untrusted sender or a malformed request gets
 * `{ ok: false, error: { code: 'bad-request', … } }`, the same shape as every other failure. A
 * thrown error would reach the renderer as Electron's "Error invoking remote method …" string,
 * a second error path for the UI to parse. Channels outside the contract have no handler at all,
 * so Electron itself rejects them ("No handler registered").
 */

/** The parts of Electron's `ipcMain` used here (structural, so tests can pass a fake). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: SenderEventLike, ...args: unknown[]) => Promise<BridgeReply>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where pushes go: our window's webContents. */
export interface PushTargetLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface RegisterIpcOptions {
  readonly ipcMain: IpcMainLike;
  readonly host: UiHost;
  /** `createTrustedSenderCheck(…)`: our window's main frame on our page, nothing else. */
  readonly isTrustedSender: (event: SenderEventLike) => boolean;
  /** Our window's contents while the window exists; pushes are dropped otherwise. */
  readonly pushTarget: () => PushTargetLike | undefined;
}

/** Registers the handlers and the push feed; the returned function removes both. */
export function registerIpc(options: RegisterIpcOptions): () => void {
  const { ipcMain, host, isTrustedSender, pushTarget } = options;
  const dispatch = createDispatcher(host.handlers);
  for (const channel of requestChannels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        return refusal(`Refused ${channel}: not sent by Ferry's window.`);
      }
      // The preload sends exactly one argument object; anything else is not our renderer.
      if (args.length > 1) return refusal(`Refused ${channel}: requests take one argument.`);
      return dispatch(channel, args[0]);
    });
  }
  const unsubscribe = host.onPush((message) => {
    const target = pushTarget();
    if (target && !target.isDestroyed()) target.send(message.channel, message.payload);
  });
  return () => {
    unsubscribe();
    for (const channel of requestChannels) ipcMain.removeHandler(channel);
  };
}

function refusal(message: string): BridgeReply {
  return {
    ok: false,
    error: toBridgeError(
      new SyncError('bad-request', 'no-retry', message, {
        hint: 'Only the Ferry window may call the engine; reload the window.',
      }),
    ),
  };
}
