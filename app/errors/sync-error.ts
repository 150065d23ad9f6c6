/**
 * What the engine should do about a failure.
 * - `retry`: transient (network, 5xx, throttling, no token yet): try again after a backoff.
 * - `no-retry`: this item cannot succeed as it is (denied by policy, bad file name): report it
 *   per item and move on.
 * - `fatal`: the configuration or credentials are wrong; nothing will succeed until the user acts.
 */
export type Disposition = 'retry' | 'no-retry' | 'fatal';

/**
 * Every failure Ferry reports has one of these codes; the UI and CLI key their texts on them.
 * A runtime array so tests (and the renderer's translation tables) can iterate over every code.
 */
export const ERROR_CODES = [
  'config-invalid',
  'secret-missing',
  'keychain-unavailable',
  'sts-invalid-request',
  'sts-denied',
  'sts-role-not-found',
  'sts-unreachable',
  'sts-server-error',
  'sts-bad-response',
  'vendor-unauthorized',
  'vendor-http-error',
  'vendor-unreachable',
  'vendor-bad-response',
  'vendor-expired-credentials',
  'credentials-unavailable',
  'policy-invalid',
  'auth-failed',
  'access-denied',
  'not-found',
  'bad-digest',
  'file-changed',
  'file-vanished',
  'file-unreadable',
  'outside-folder',
  'invalid-name',
  'conflict',
  'watcher-failed',
  'journal-failed',
  'network',
  /** The store refused the request's time (RequestTimeTooSkewed): fix the clock, not the token. */
  'clock-skewed',
  /** The store or STS asks to slow down (503 SlowDown, 429, 400 Throttling*): retried later. */
  'throttled',
  /** A folder's bucket is refused (InvalidBucketName) or absent (NoSuchBucket), or the store
   *  refuses its keys (InvalidObjectName): configuration, fatal for the folder, exit 2. */
  'bucket-invalid',
  'bucket-missing',
  'key-invalid',
  'server-error',
  'bad-request',
  /** A drop or chosen files refused before a byte is staged or queued (issue 13: each with its
   *  own code so the UI words why): the folder is paused, or failed its preflight; a file over
   *  the per-file limit; too many bodies at once; the staging area full; a body cut short. */
  'folder-paused',
  'folder-blocked',
  'upload-too-large',
  'upload-busy',
  'staging-full',
  'upload-incomplete',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Values a translated message fills in (`{folder}`, `{bucket}`, `{seconds}`…): public identifiers
 * and numbers only, never a secret, since they cross the bridge to the UI as they are.
 */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface SyncErrorOptions {
  /** A sentence telling the user how to fix it, shown under the message. */
  hint?: string;
  /** When a `retry` error knows how long to wait (e.g. credential backoff). */
  retryAfterMs?: number;
  /** The vendor's request id, kept for support tickets. */
  requestId?: string;
  /** What the UI's translated text for this code fills in (renderer/src/i18n/errors/). */
  params?: ErrorParams;
  cause?: unknown;
}

/**
 * The one error type that crosses layers. Adapters translate SDK and network errors into it at
 * the boundary, so the engine never inspects vendor-specific shapes.
 * Messages must never contain a secret: build them from field names and public identifiers only.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly hint: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly params: ErrorParams | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly disposition: Disposition,
    message: string,
    options: SyncErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
    this.params = options.params;
  }

  /** Message plus hint, the way the CLI prints it. */
  describe(): string {
    return this.hint ? `${this.message}\n  → ${this.hint}` : this.message;
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}

/** Wraps anything thrown into a SyncError, keeping SyncErrors as they are. */
export function toSyncError(error: unknown, fallback: ErrorCode = 'internal'): SyncError {
  if (isSyncError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError(fallback, fallback === 'internal' ? 'fatal' : 'retry', message, {
    cause: error,
  });
}

/**
 * A SyncError as plain data, the way it crosses the bridge and sits in the journal: the English
 * `message`/`hint` (the CLI and the log print them) beside the `code` and `params` the UI
 * translates from.
 */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly params?: ErrorParams;
}

export function errorView(error: SyncError): ErrorView {
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.params ? { params: error.params } : {}),
  };
}
