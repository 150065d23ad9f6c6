import { z } from 'zod';

import type { BridgeReply } from './dispatcher.js';
import type { PushChannel, PushPayloads } from './contract.js';

/**
 * The WebSocket framing of the contract for `ferry serve`: the browser sends requests with an
 * id, the server answers with the same id, and pushes arrive unprompted. JSON text frames.
 */
export const wireRequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  args: z.unknown(),
});

export type WireRequest = z.infer<typeof wireRequestSchema>;

export type WireReply = { readonly id: number } & BridgeReply;

export interface WirePush<P extends PushChannel = PushChannel> {
  readonly push: P;
  readonly payload: PushPayloads[P];
}

export type WireServerMessage = WireReply | WirePush;

/** Largest request frame the server accepts (a config document is the biggest legitimate one). */
export const MAX_WIRE_REQUEST_BYTES = 1024 * 1024;

export { SERVE_PATHS } from './serve-paths.js';
