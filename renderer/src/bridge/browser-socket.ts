import type { BridgeTimers, SocketFactory } from './ws-bridge.js';

/** The DOM WebSocket behind the bridge's small socket interface. */
export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  let closed = false;
  const closeOnce = (): void => {
    if (closed) return;
    closed = true;
    handlers.onClose();
  };
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  // A failed handshake fires `error` then `close`; a drop may fire either first.
  socket.onerror = closeOnce;
  socket.onclose = closeOnce;
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(),
  };
};

export const browserTimers: BridgeTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/** ws://host/bridge for the page's own origin (wss:// when served over https); `?token=…` only
 *  when there is no session cookie to authenticate the socket. */
export function bridgeSocketUrl(
  location: Location,
  socketPath: string,
  token: string | null,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}${socketPath}${query}`;
}
