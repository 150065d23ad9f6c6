import type {
  BridgeTimers,
  SocketConnection,
  SocketFactory,
  SocketHandlers,
} from '../../../../../renderer/src/bridge/ws-bridge.js';

/** One socket the bridge opened; the test plays the server through it. */
export class FakeSocket implements SocketConnection {
  readonly sent: unknown[] = [];
  closedByClient = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(): void {
    this.closedByClient = true;
  }

  open(): void {
    this.handlers.onOpen();
  }

  receive(message: unknown): void {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }

  drop(): void {
    this.handlers.onClose();
  }
}

/** Records every socket the bridge opens, newest last. */
export class FakeSocketServer {
  readonly sockets: FakeSocket[] = [];

  readonly connect: SocketFactory = (url, handlers) => {
    const socket = new FakeSocket(url, handlers);
    this.sockets.push(socket);
    return socket;
  };

  get latest(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket opened yet');
    return socket;
  }
}

/** Virtual time for the bridge's reconnect and request timers. */
export class FakeTimers implements BridgeTimers {
  private current = 1_000_000;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.current + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = end;
  }

  get scheduled(): number {
    return this.pending.size;
  }
}
