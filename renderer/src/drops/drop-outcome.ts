import { isBridgeReply } from '../bridge/reply.js';

/** Where dropped items go. */
export interface DropTarget {
  readonly folderId: string;
  /** "" or "a/b/": where under the folder's prefix the dropped items go. */
  readonly subPrefix: string;
}

export interface DropFailure {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** The refusal's error code and params (ferry serve's folder-paused, upload-too-large…;
   *  issue 13): the toast words it in the UI's language. */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** What became of a drop, summed over every request it took. */
export interface DropOutcome {
  readonly queued: number;
  readonly skipped: readonly string[];
  readonly failures: readonly DropFailure[];
}

export interface DropProgress {
  readonly sent: number;
  readonly total: number;
}

export const EMPTY_OUTCOME: DropOutcome = { queued: 0, skipped: [], failures: [] };

/** Adds one reply of `uploads:add-paths` or `PUT /upload` to the running outcome. */
export function addReply(outcome: DropOutcome, path: string, reply: unknown): DropOutcome {
  if (!isBridgeReply(reply)) {
    return addFailure(outcome, { path, message: 'Ferry sent an unreadable answer.' });
  }
  if (!reply.ok) {
    const { message, hint, code, params } = reply.error;
    return addFailure(outcome, {
      path,
      message,
      ...(hint ? { hint } : {}),
      code,
      ...(params ? { params } : {}),
    });
  }
  const result = reply.result as { queued?: unknown; skipped?: unknown } | null;
  const queued = typeof result?.queued === 'number' ? result.queued : 0;
  const skipped = Array.isArray(result?.skipped)
    ? result.skipped.filter((item): item is string => typeof item === 'string')
    : [];
  return {
    queued: outcome.queued + queued,
    skipped: skipped.length > 0 ? [...outcome.skipped, ...skipped] : outcome.skipped,
    failures: outcome.failures,
  };
}

export function addFailure(outcome: DropOutcome, failure: DropFailure): DropOutcome {
  return { ...outcome, failures: [...outcome.failures, failure] };
}

/** "a/b" → "a/b/", "/x/" → "x/", "" → "": the form a sub-prefix takes on the wire. */
export function normalizeSubPrefix(input: string): string {
  const trimmed = input
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\/+/, '')
    .replace(/\/{2,}/g, '/');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
