import type {
  PushMessage,
  RequestChannel,
  RequestHandlers,
  UiHost,
} from '../../../../app/ipc/contract.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { BridgeReply } from '../../../../app/ipc/dispatcher.js';
import type { IpcMainLike, PushTargetLike } from '../../../../main/electron/ipc-registration.js';
import type { FrameLike, SenderEventLike } from '../../../../main/electron/trusted-sender.js';
import { aSnapshot } from '../../app/presentation/tray/ui-snapshot.js';

/** Electron's ipcMain as far as registerIpc uses it, plus `invoke` to play the renderer. */
export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<
    string,
    (event: SenderEventLike, ...args: unknown[]) => Promise<BridgeReply>
  >();

  handle(
    channel: string,
    listener: (event: SenderEventLike, ...args: unknown[]) => Promise<BridgeReply>,
  ): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.listeners.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  invoke(event: SenderEventLike, channel: string, ...args: unknown[]): Promise<BridgeReply> {
    const listener = this.listeners.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, ...args);
  }
}

export const RENDERER_URL = 'app://ferry/index.html';

/** A window's webContents with its main frame; `sent` records pushes. */
export class FakeContents implements PushTargetLike {
  readonly mainFrame: { url: string; parent: FrameLike | null };
  readonly sent: [string, unknown][] = [];
  destroyed = false;

  constructor(
    readonly id: number,
    url = RENDERER_URL,
  ) {
    this.mainFrame = { url, parent: null };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  /** An invoke event from this contents' main frame (or a given frame of it). */
  event(frame: FrameLike | null = this.mainFrame): SenderEventLike {
    return { sender: { id: this.id }, senderFrame: frame };
  }
}

export interface RecordingHost extends UiHost {
  /** Every handler call, in order: [channel, validated arguments]. */
  readonly calls: [RequestChannel, unknown][];
  push(message: PushMessage): void;
  listenerCount(): number;
}

/**
 * A UiHost whose handlers record what they receive and answer like the engine would;
 * `folders:open` of "missing" fails with a SyncError, `transfers:retry` with a plain Error.
 * `overrides` replace handlers (and then record nothing themselves).
 */
export function recordingHost(overrides: Partial<RequestHandlers> = {}): RecordingHost {
  const calls: [RequestChannel, unknown][] = [];
  const listeners = new Set<(message: PushMessage) => void>();
  const record =
    <C extends RequestChannel, R>(channel: C, answer: (args: never) => R) =>
    (args: unknown): Promise<R> => {
      calls.push([channel, args]);
      // The executor turns a throwing answer into a rejection, as an async handler would.
      return new Promise<R>((resolve) => resolve(answer(args as never)));
    };
  const handlers: RequestHandlers = {
    'app:get-snapshot': record('app:get-snapshot', () => aSnapshot()),
    'transfers:list': record('transfers:list', () => []),
    'transfers:retry': record('transfers:retry', () => {
      throw new Error('database is locked');
    }),
    'folders:pause': record('folders:pause', () => null),
    'folders:resume': record('folders:resume', () => null),
    'folders:sync-now': record('folders:sync-now', () => null),
    'folders:confirm-deletes': record('folders:confirm-deletes', () => null),
    'folders:open': record('folders:open', (args: { folderId: string }) => {
      if (args.folderId === 'missing') {
        throw new SyncError('file-vanished', 'no-retry', 'The folder /data/missing is gone.', {
          hint: 'Reconnect the drive or remove the folder from the configuration.',
        });
      }
      return null;
    }),
    'credentials:refresh': record('credentials:refresh', () => ({ expiresAt: 1_700_000_000_000 })),
    'secrets:set': record('secrets:set', () => null),
    'secrets:delete': record('secrets:delete', () => ({ deleted: true })),
    'uploads:add-paths': record('uploads:add-paths', (args: { paths: string[] }) => ({
      queued: args.paths.length,
      skipped: [],
    })),
    'config:get': record('config:get', () => ({ path: null, document: null })),
    'config:save': record('config:save', () => ({ path: '/tmp/config.yaml' })),
    'settings:set-start-at-login': record('settings:set-start-at-login', () => null),
    'dialog:pick-files': record('dialog:pick-files', () => ({ paths: [] })),
    'dialog:pick-folder': record('dialog:pick-folder', () => ({ path: null })),
    'fs:complete-directory': record('fs:complete-directory', () => ({ directories: [] })),
    ...overrides,
  };
  return {
    handlers,
    calls,
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(message) {
      for (const listener of listeners) listener(message);
    },
    listenerCount: () => listeners.size,
  };
}
