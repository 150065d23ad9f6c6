import { formatPath } from '../config/parse-config.js';
import { isSyncError, SyncError } from '../errors/sync-error.js';
import { redactMessages } from '../logging/redact-messages.js';
import { redactOutgoing } from '../logging/redact.js';
import {
  requestSchemas,
  type BridgeErrorShape,
  type RequestChannel,
  type RequestHandlers,
} from './contract.js';

/** A request's outcome as it crosses a bridge (IPC or WebSocket): plain, cloneable data. */
export type BridgeReply =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: BridgeErrorShape };

export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(requestSchemas, channel);
}

/**
 * Validates an untrusted request and runs its handler. Unknown channels and malformed arguments
 * are refused with a `bad-request` error that names the field; a handler's SyncError crosses as
 * code, message and hint; anything else becomes `internal` without its stack (stacks can carry
 * paths and values that the UI has no business seeing).
 */
export function createDispatcher(
  handlers: RequestHandlers,
): (channel: unknown, args: unknown) => Promise<BridgeReply> {
  return async (channel, args) => {
    if (!isRequestChannel(channel)) {
      return refuse(`Unknown request channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    }
    const parsed = requestSchemas[channel].safeParse(args ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${formatPath(issue.path) || 'arguments'}: ${issue.message}`,
      );
      return refuse(`Invalid arguments for ${channel}: ${problems.join('; ')}.`);
    }
    try {
      const handler = handlers[channel] as (validated: unknown) => Promise<unknown>;
      // Results carry views with messages (snapshots, retried transfers): redacted on the way out.
      return { ok: true, result: redactMessages(await handler(parsed.data)) };
    } catch (error) {
      return { ok: false, error: toBridgeError(error) };
    }
  };
}

export function toBridgeError(error: unknown): BridgeErrorShape {
  if (isSyncError(error)) {
    const issues = (error as { issues?: unknown }).issues;
    return {
      code: error.code,
      message: redactOutgoing(error.message),
      ...(error.hint ? { hint: redactOutgoing(error.hint) } : {}),
      // Public identifiers and numbers (ErrorParams), for the UI's text of the code (issue 13).
      ...(error.params ? { params: error.params } : {}),
      // ConfigInvalidError (app/config/parse-config.ts): each problem with its code.
      ...(Array.isArray(issues) ? { issues: issues as BridgeErrorShape['issues'] } : {}),
    };
  }
  return {
    code: 'internal',
    message: error instanceof Error ? redactOutgoing(error.message) : 'Unexpected error.',
  };
}

function refuse(message: string): BridgeReply {
  return {
    ok: false,
    error: toBridgeError(
      new SyncError('bad-request', 'no-retry', message, {
        hint: 'The UI and the engine disagree about the contract; reload the window.',
      }),
    ),
  };
}

export { BridgeRequestError } from './bridge-error.js';
