import { isSyncError, type SyncError } from '../../../app/errors/sync-error.js';
import { skewFromDateHeader } from '../sdk-errors/clock-skew.js';
import { networkErrorCode } from '../sdk-errors/network-error.js';
import {
  isAuthFailure,
  isNotFound,
  translateStoreFailure,
  type StoreFailure,
} from '../sdk-errors/store-error.js';

/** The parts of an @aws-sdk/client-s3 error that matter. `now` reads the local clock when the
 *  failure is seen, to compare with the answer's Date header (clock skew). */
export function s3Failure(error: unknown, now: number = Date.now()): StoreFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    /** RequestTimeTooSkewed's body carries the server's time (S3 error responses). */
    ServerTime?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
    $response?: { headers?: Record<string, string | undefined> };
  };
  const headers = shape.$response?.headers ?? {};
  const skewMs =
    skewFromDateHeader(shape.ServerTime, now) ?? skewFromDateHeader(headers['date'], now);
  const retryAfterSeconds = Number(headers['retry-after']);
  return {
    status: shape.$metadata?.httpStatusCode,
    name: shape.name ?? 'Error',
    requestId: shape.$metadata?.requestId,
    network: networkErrorCode(error),
    ...(typeof shape.message === 'string' ? { message: shape.message } : {}),
    ...(skewMs === undefined ? {} : { skewMs }),
    ...(Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? { retryAfterMs: Math.min(retryAfterSeconds, 300) * 1000 }
      : {}),
  };
}

/** Whether to force a credential refresh and retry once (see store-error.ts). */
export function isS3AuthFailure(error: unknown): boolean {
  return isAuthFailure(s3Failure(error));
}

/** Whether the store said "no such key/object" (HeadObject answers a bodiless 404 NotFound). */
export function isS3NotFound(error: unknown): boolean {
  return isNotFound(s3Failure(error));
}

/**
 * S3 SDK error → SyncError. SyncErrors (the broker's: no token, STS refused) pass through
 * unchanged, so "wrong secret" reaches the user as such and not as a store failure.
 */
export function translateS3Error(error: unknown, what: string): SyncError {
  if (isSyncError(error)) return error;
  const answered = typeof error === 'object' && error !== null && '$response' in error;
  return translateStoreFailure(s3Failure(error), what, answered ? undefined : error);
}
