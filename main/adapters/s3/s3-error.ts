import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import { networkErrorCode } from '../credentials/network-error.js';

/** Error names with which a store says "these credentials are not (or no longer) good". */
const AUTH_NAMES = new Set([
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
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

interface S3ErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Whether to force a credential refresh and retry once. Deliberately includes plain 403
 * AccessDenied: expired tokens look exactly like that on CTyun and Ceph.
 */
export function isS3AuthFailure(error: unknown): boolean {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as S3ErrorShape;
  return AUTH_NAMES.has(shape.name ?? '') || shape.$metadata?.httpStatusCode === 403;
}

/** Whether the store said "no such key/object" (HeadObject answers a bodiless 404 NotFound). */
export function isS3NotFound(error: unknown): boolean {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as S3ErrorShape;
  return NOT_FOUND_NAMES.has(shape.name ?? '') || shape.$metadata?.httpStatusCode === 404;
}

/**
 * S3 SDK error → SyncError, for what remains after the auth retry. `what` names the action and
 * the key ("PutObject alice/x.txt"). SyncErrors (the broker's: no token, STS refused) pass
 * through unchanged, so "wrong secret" reaches the user as such and not as a store failure.
 */
export function translateS3Error(error: unknown, what: string): SyncError {
  if (isSyncError(error)) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as S3ErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const name = shape.name ?? 'Error';
  const ids = shape.$metadata?.requestId ? { requestId: shape.$metadata.requestId } : {};
  const network = networkErrorCode(error);
  if (network !== undefined || status === undefined) {
    return new SyncError(
      'network',
      'retry',
      `${what}: cannot reach the store (${network ?? name}).`,
      // The socket error explains a network failure; an SDK error with a response would carry
      // the signed request instead (see below).
      hasResponse(error) ? {} : { cause: error },
    );
  }
  if (status === 403 || AUTH_NAMES.has(name)) {
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
  if (isS3NotFound(error)) {
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
      { hint: 'The data was damaged on the way; it is sent again.', ...ids },
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
    // No `cause`: the SDK error carries the signed request (session token included), and
    // whatever prints a cause chain (test runners, loggers) would print it.
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

function hasResponse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$response' in error;
}
