import { SyncError } from '../../../app/errors/sync-error.js';
import { clockSkewError, isClockSkew } from './clock-skew.js';
import type { SdkFailure } from './sdk-failure.js';

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

/**
 * "Slow down": S3 503 SlowDown (AWS S3 error responses), HTTP 429 (MinIO, Ceph's rate limits),
 * AWS-style `Throttling`/`ThrottlingException`, Alibaba's `Throttling.User` / `Throttling.Api`
 * (HTTP 400, Alibaba OpenAPI throttling errors) and OSS's QPS limit. Retried with backoff and
 * jitter, never reported as a bad request.
 */
const THROTTLE_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'Throttling.User',
  'Throttling.Api',
  'Throttling.Tenant',
  'TooManyRequests',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'QpsLimitExceeded',
]);

/** The folder's bucket (or a key in it) cannot work as configured: every item would fail alike. */
const BUCKET_PROBLEMS: Record<
  string,
  { code: 'bucket-invalid' | 'bucket-missing' | 'key-invalid'; text: string; hint: string }
> = {
  NoSuchBucket: {
    code: 'bucket-missing',
    text: 'the bucket does not exist',
    hint: "Check the folder's bucket name, and the profile's endpoint and region (a bucket lives in one region).",
  },
  InvalidBucketName: {
    code: 'bucket-invalid',
    text: 'the store refuses the bucket name',
    hint: "Check the folder's bucket against the provider's naming rules (and the profile's provider).",
  },
  InvalidObjectName: {
    code: 'key-invalid',
    text: 'the store refuses the object name',
    hint: "Check the folder's prefix and the provider's key rules (OSS: 1–1023 bytes, not starting with / or \\).",
  },
};

export function isThrottling(failure: SdkFailure): boolean {
  return THROTTLE_NAMES.has(failure.name) || failure.status === 429;
}

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
 * Whether the store refused the request's credentials: translated to `access-denied`, on which
 * the AuthRetryingStore (app/transfer/auth-retrying-store.ts) forces one refresh and retries
 * once. Deliberately includes plain 403 AccessDenied: expired tokens look exactly like that on
 * CTyun and Ceph.
 */
export function isAuthFailure(failure: SdkFailure): boolean {
  // Not a refusal of the request's time or a throttle: a new token would change nothing.
  if (isClockSkew(failure) || isThrottling(failure)) return false;
  return AUTH_NAMES.has(failure.name) || failure.status === 403;
}

export function isNotFound(failure: SdkFailure): boolean {
  return NOT_FOUND_NAMES.has(failure.name) || failure.status === 404;
}

/**
 * A store failure → SyncError. An `access-denied` is retried once with a fresh token (the
 * AuthRetryingStore), so its message speaks of what remains after that. `what` names the action
 * and the key ("PutObject alice/x.txt"). Never keeps the client's error as the cause when the
 * store answered: it carries the signed request (session token included), and whatever prints a
 * cause chain (test runners, loggers) would print it.
 */
export function translateStoreFailure(
  failure: SdkFailure,
  what: string,
  networkCause?: unknown,
): SyncError {
  const { status, name } = failure;
  // Params for the UI's translated text (renderer/src/i18n/errors/): the action and key, and
  // the store's answer; public values only.
  const params = { action: what, status: status ?? 0, storeCode: name };
  const ids = { ...(failure.requestId ? { requestId: failure.requestId } : {}), params };
  if (failure.network !== undefined || status === undefined) {
    return new SyncError(
      'network',
      'retry',
      `${what}: cannot reach the store (${failure.network ?? name}).`,
      {
        params: { action: what, detail: failure.network ?? name },
        ...(networkCause === undefined ? {} : { cause: networkCause }),
      },
    );
  }
  if (isClockSkew(failure)) return clockSkewError(what, failure, 'the store', failure.requestId);
  if (isThrottling(failure)) {
    return new SyncError(
      'throttled',
      'retry',
      `${what}: the store asks to slow down (HTTP ${status} ${name}); Ferry waits and retries.`,
      {
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
        ...ids,
      },
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
  const bucketProblem = BUCKET_PROBLEMS[name];
  if (bucketProblem !== undefined) {
    // Every item of the folder would fail the same way: a configuration error, not a per-item
    // one, and never a network retry (ferry sync --once exits 2 for these).
    return new SyncError(bucketProblem.code, 'fatal', `${what}: ${bucketProblem.text} (${name}).`, {
      hint: bucketProblem.hint,
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
