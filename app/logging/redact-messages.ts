import { processSecrets, redactOutgoing, type SecretRegistry } from './redact.js';

/** Keys whose string values are human-readable text that may quote a server's answer. */
const MESSAGE_KEYS: ReadonlySet<string> = new Set([
  'message',
  'hint',
  'note',
  'lastError',
  'pauseReason',
  'reason',
  'title',
  'body',
  'summary',
  'detail',
  'error',
]);

/** Keys whose object holds values a translated error text is filled with (an error's `params`,
 *  a notice's `values`): every string in it is treated as message text, whatever its key. */
const PARAM_BAGS: ReadonlySet<string> = new Set(['params', 'values']);

/**
 * A copy of a view, reply or push payload with every message-like text redacted (see
 * MESSAGE_KEYS), for the UI's wire: SyncError messages quote SDK errors and STS answers, and
 * they reach the window, the browser and the notifications from many places. Paths, ids and
 * numbers are left as they are. Objects without such a text are returned as they are (no copy).
 */
export function redactMessages<T>(value: T, secrets: SecretRegistry = processSecrets): T {
  return walk(value, false, secrets, 0) as T;
}

function walk(
  value: unknown,
  isMessage: boolean,
  secrets: SecretRegistry,
  depth: number,
  inBag = false,
): unknown {
  if (typeof value === 'string') return isMessage ? redactOutgoing(value, secrets) : value;
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item: unknown) => {
      const next = walk(item, isMessage, secrets, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const bag = PARAM_BAGS.has(key);
    const next = walk(item, inBag || bag || MESSAGE_KEYS.has(key), secrets, depth + 1, bag);
    if (next !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = next;
    }
  }
  return copy ?? value;
}
