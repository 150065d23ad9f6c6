import { SyncError } from '../../app/errors/sync-error.js';

/** What any object-store client's failure boils down to (S3 SDK, ali-oss). */
export interface StoreFailure {
  /** HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  /** The store's error code (S3 and OSS share most: NoSuchKey, AccessDenied…). */
  readonly name: string;
  readonly requestId: string | undefined;
  /** A socket-level code (ECONNREFUSED, timeout) when the request never got an answer. */
  readonly network: string | undefined;
}

/** Codes with which a store says "these credentials are not (or no longer) good". */
const AUTH_NAMES = new Set([
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  // OSS
  'SecurityTokenExpired',
  'InvalidSecurityToken',
]);

/** The upload, object or key is gone: trying again cannot bring it back. */
const NOT_FOUND_NAMES = new Set(['NoSuchUpload', 'NoSuchKey', 'NotFound']);

/** The bytes did not match their Content-MD5: damaged on the way, so sending again may work. */
const DIGEST_NAMES = new Set(['BadDigest', 'InvalidDigest']);

/** Complete refused the part list: the caller's bookkeeping is wrong, the same call fails again. */
const PART_LIST_PROBLEMS: Record<string, string> = {
  EntityTooSmall: 'a part other than the last is smaller than the 5 MiB minimum',
  InvalidPart: 'a listed part is missing from the upload or its ETag does not match',
  InvalidPartOrder: 'the part list is not in ascending order or repeats a part number',
};

/**
 * Whether to force a credential refresh and retry once. Deliberately includes plain 403
 * AccessDenied: expired tokens look exactly like that on CTyun and Ceph.
 */
export function isAuthFailure(failure: StoreFailure): boolean {
  return AUTH_NAMES.has(failure.name) || failure.status === 403;
}

export function isNotFound(failure: StoreFailure): boolean {
  return NOT_FOUND_NAMES.has(failure.name) || failure.status === 404;
}

/**
 * A store failure → SyncError, for what remains after the auth retry. `what` names the action
 * and the key ("PutObject alice/x.txt"). Never keeps the client's error as the cause when the
 * store answered: it carries the signed request (session token included), and whatever prints a
 * cause chain (test runners, loggers) would print it.
 */
export function translateStoreFailure(
  failure: StoreFailure,
  what: string,
  networkCause?: unknown,
): SyncError {
  const { status, name } = failure;
  const ids = failure.requestId ? { requestId: failure.requestId } : {};
  if (failure.network !== undefined || status === undefined) {
    return new SyncError(
      'network',
      'retry',
      `${what}: cannot reach the store (${failure.network ?? name}).`,
      networkCause === undefined ? {} : { cause: networkCause },
    );
  }
  if (isAuthFailure(failure)) {
    return new SyncError(
      'access-denied',
      'no-retry',
      `${what}: denied by the store (${name}), even with fresh credentials.`,
      {
        hint: "The role's policy or the session policy does not allow this action on this key.",
        ...ids,
      },
    );
  }
  if (name === 'NoSuchBucket') {
    // Every item of the folder would fail the same way: a configuration error, not a per-item one.
    return new SyncError('not-found', 'fatal', `${what}: the bucket does not exist (${name}).`, {
      hint: 'Check the bucket name in the folder settings.',
      ...ids,
    });
  }
  if (isNotFound(failure)) {
    return new SyncError(
      'not-found',
      'no-retry',
      `${what}: the store has no such object or upload (HTTP ${status} ${name}).`,
      ids,
    );
  }
  if (DIGEST_NAMES.has(name)) {
    return new SyncError(
      'bad-digest',
      'retry',
      `${what}: the store received bytes that do not match their MD5 (${name}).`,
      {
        hint: 'The data was damaged on the way; it is sent again.',
        ...ids,
      },
    );
  }
  const partProblem = PART_LIST_PROBLEMS[name];
  if (partProblem !== undefined) {
    return new SyncError(
      'server-error',
      'no-retry',
      `${what}: the store refused to assemble the upload: ${partProblem} (HTTP ${status} ${name}).`,
      ids,
    );
  }
  if (status === 429 || status >= 500) {
    return new SyncError(
      'server-error',
      'retry',
      `${what}: the store failed (HTTP ${status} ${name}).`,
      ids,
    );
  }
  return new SyncError(
    'server-error',
    'no-retry',
    `${what}: the store refused the request (HTTP ${status} ${name}).`,
    ids,
  );
}
