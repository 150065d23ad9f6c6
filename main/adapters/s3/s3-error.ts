import { SyncError } from '../../../app/errors/sync-error.js';
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

/** S3 SDK error → SyncError, for what remains after the auth retry. */
export function translateS3Error(error: unknown, what: string): SyncError {
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
      { cause: error },
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
  if (status === 429 || status >= 500) {
    return new SyncError(
      'server-error',
      'retry',
      `${what}: the store failed (HTTP ${status} ${name}).`,
      { ...ids, cause: error },
    );
  }
  return new SyncError(
    'server-error',
    'no-retry',
    `${what}: the store refused the request (HTTP ${status} ${name}).`,
    ids,
  );
}
