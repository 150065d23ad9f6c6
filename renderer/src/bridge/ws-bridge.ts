import type {
  BridgeErrorShape,
  FerryBridge,
  PushChannel,
  PushPayloads,
  RequestArgs,
  RequestChannel,
  RequestResult,
} from '../../../app/ipc/contract.js';
import { BridgeRequestError } from '../../../app/ipc/bridge-error.js';
import type { WireRequest } from '../../../app/ipc/wire.js';
import type { ConnectionSource, ConnectionStatus } from './connection.js';
import { reconnectDelay } from './reconnect-delay.js';
import { unwrapReply } from './reply.js';

/** What the bridge needs from a socket; `browser-socket.ts` adapts the DOM WebSocket. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** After a drop or a failed connection attempt; called once per socket. */
  onClose(): void;
}

export interface SocketConnection {
  send(text: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConnection;

export interface BridgeTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WebSocketBridgeOptions {
  readonly url: string;
  readonly connect: SocketFactory;
  readonly timers: BridgeTimers;
  readonly random?: () => number;
  /** A request without a reply after this long fails (a server bug must not hang a button). */
  readonly requestTimeoutMs?: number;
}

interface PendingRequest {
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timeout: unknown;
  /** Kept until the socket opens when the request was made while connecting. */
  frame: string | null;
}

const DISCONNECTED: BridgeErrorShape = {
  code: 'disconnected',
  message: 'The connection to Ferry was lost.',
  hint: 'Ferry reconnects by itself; try again in a moment.',
};

/**
 * The `ferry serve` side of `FerryBridge`: requests and pushes over one WebSocket (framing in
 * app/ipc/wire.ts). When the socket drops, pending requests fail at once (the UI shows why),
 * the bridge reconnects with backoff, and `generation` tells the hooks to fetch everything
 * again, since pushes sent while disconnected are lost.
 */
export class WebSocketBridge implements FerryBridge, ConnectionSource {
  private socket: SocketConnection | null = null;
  private socketOpen = false;
  private status: ConnectionStatus = { state: 'connecting', generation: 0, nextAttemptAt: null };
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private nextId = 1;
  private disposed = false;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly pushListeners = new Map<PushChannel, Set<(payload: never) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(private readonly options: WebSocketBridgeOptions) {
    this.open();
  }

  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
    if (this.disposed || this.socket === null) {
      return Promise.reject(new BridgeRequestError(DISCONNECTED));
    }
    const id = this.nextId++;
    const request: WireRequest = { id, channel, args };
    const frame = JSON.stringify(request);
    return new Promise<unknown>((resolve, reject) => {
      const timeout = this.options.timers.setTimeout(
        () => this.settle(id, new BridgeRequestError(timedOut(channel))),
        this.options.requestTimeoutMs ?? 60_000,
      );
      this.pending.set(id, { resolve, reject, timeout, frame: this.socketOpen ? null : frame });
      if (this.socketOpen) this.socket?.send(frame);
    }).then((reply) => unwrapReply<C>(reply));
  }

  on<P extends PushChannel>(channel: P, listener: (payload: PushPayloads[P]) => void): () => void {
    let listeners = this.pushListeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.pushListeners.set(channel, listeners);
    }
    const stored = listener as (payload: never) => void;
    listeners.add(stored);
    return () => listeners.delete(stored);
  }

  connection(): ConnectionStatus {
    return this.status;
  }

  onConnection(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Closes the socket for good (page unload, tests). */
  dispose(): void {
    this.disposed = true;
    if (this.reconnectTimer !== null) this.options.timers.clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.dropSocket();
  }

  private open(): void {
    this.reconnectTimer = null;
    const socket = this.options.connect(this.options.url, {
      onOpen: () => {
        if (this.socket !== socket) return;
        this.socketOpen = true;
        this.attempt = 0;
        this.setStatus({
          state: 'open',
          generation: this.status.generation + 1,
          nextAttemptAt: null,
        });
        for (const request of this.pending.values()) {
          if (request.frame !== null) socket.send(request.frame);
          request.frame = null;
        }
      },
      onMessage: (text) => {
        if (this.socket === socket) this.receive(text);
      },
      onClose: () => {
        if (this.socket !== socket) return;
        this.dropSocket();
        if (!this.disposed) this.scheduleReconnect();
      },
    });
    this.socket = socket;
  }

  private dropSocket(): void {
    this.socket = null;
    this.socketOpen = false;
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new BridgeRequestError(DISCONNECTED));
    }
  }

  private scheduleReconnect(): void {
    this.attempt += 1;
    const delay = reconnectDelay(this.attempt, this.options.random ?? Math.random);
    this.setStatus({
      state: 'reconnecting',
      generation: this.status.generation,
      nextAttemptAt: this.options.timers.now() + delay,
    });
    this.reconnectTimer = this.options.timers.setTimeout(() => this.open(), delay);
  }

  private receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // Not ours to interpret; the server only sends JSON.
    }
    if (typeof message !== 'object' || message === null) return;
    const { id, push, payload } = message as { id?: unknown; push?: unknown; payload?: unknown };
    if (typeof id === 'number') {
      this.settle(id, message);
    } else if (typeof push === 'string') {
      this.deliver(push as PushChannel, payload);
    }
  }

  private settle(id: number, outcome: unknown): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    this.options.timers.clearTimeout(request.timeout);
    if (outcome instanceof Error) request.reject(outcome);
    else request.resolve(outcome);
  }

  private deliver(channel: PushChannel, payload: unknown): void {
    for (const listener of this.pushListeners.get(channel) ?? []) {
      try {
        listener(payload as never);
      } catch (error) {
        // One broken view must not starve the others of updates; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

function timedOut(channel: string): BridgeErrorShape {
  return {
    code: 'timeout',
    message: `Ferry did not answer ${channel} in time.`,
    hint: 'The engine may be busy or stuck; try again, or restart `ferry serve`.',
  };
}
