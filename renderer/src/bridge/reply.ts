import type { RequestChannel, RequestResult } from '../../../app/ipc/contract.js';
import type { BridgeReply } from '../../../app/ipc/dispatcher.js';
import { BridgeRequestError } from '../../../app/ipc/bridge-error.js';

/** A reply's result, or its error thrown as a BridgeRequestError (code and hint kept). */
export function unwrapReply<C extends RequestChannel>(reply: unknown): RequestResult<C> {
  if (!isBridgeReply(reply)) {
    throw new BridgeRequestError({
      code: 'internal',
      message: 'The engine sent a reply the UI cannot read.',
      hint: 'Reload the window; if it persists, the UI and the engine are different versions.',
    });
  }
  if (!reply.ok) throw new BridgeRequestError(reply.error);
  return reply.result as RequestResult<C>;
}

export function isBridgeReply(value: unknown): value is BridgeReply {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'result' in candidate;
  if (candidate.ok !== false) return false;
  const error = candidate.error as { code?: unknown; message?: unknown } | null | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
