import type { RawData, WebSocket } from 'ws';

import type { PushMessage, UiHost } from '../../app/ipc/contract.js';
import { createDispatcher } from '../../app/ipc/dispatcher.js';
import {
  MAX_WIRE_REQUEST_BYTES,
  wireRequestSchema,
  type WireServerMessage,
} from '../../app/ipc/wire.js';

/** Transfer batches are dropped for a client this far behind; it re-lists when it catches up. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;

/**
 * One browser tab on the bridge: requests are validated and dispatched exactly like Electron's
 * IPC (the same dispatcher), pushes are forwarded. A malformed frame gets an error reply, never
 * a crash; the connection stays usable.
 */
export function attachBridgeSocket(socket: WebSocket, host: UiHost): void {
  const dispatch = createDispatcher(host.handlers);
  const send = (message: WireServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = host.onPush((message: PushMessage) => {
    if (message.channel === 'transfers:changed' && socket.bufferedAmount > SLOW_CLIENT_BYTES) {
      return;
    }
    send({ push: message.channel, payload: message.payload });
  });
  socket.on('message', (data, isBinary) => {
    void (async () => {
      const text = isBinary ? '' : frameText(data);
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        frame = undefined;
      }
      const request = wireRequestSchema.safeParse(frame);
      if (!request.success) {
        send({
          id: -1,
          ok: false,
          error: {
            code: 'bad-request',
            message: 'The bridge received a frame that is not a request.',
          },
        });
        return;
      }
      const reply = await dispatch(request.data.channel, request.data.args);
      send({ id: request.data.id, ...reply });
    })().catch(() => {
      // A reply that cannot be serialised (or a socket that broke meanwhile) must not become an
      // unhandled rejection: that would stop `ferry serve` for every tab.
      send({ id: -1, ok: false, error: { code: 'internal', message: 'The request failed.' } });
    });
  });
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
}

/** ws hands text frames over as a Buffer, fragments or an ArrayBuffer depending on options. */
function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

export { MAX_WIRE_REQUEST_BYTES };
