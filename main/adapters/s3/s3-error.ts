import { isSyncError, type SyncError } from '../../../app/errors/sync-error.js';
import { awsSdkFailure } from '../sdk-errors/aws-sdk-failure.js';
import { isNotFound, translateStoreFailure } from '../sdk-errors/store-error.js';

/** Whether the store said "no such key/object" (HeadObject answers a bodiless 404 NotFound). */
export function isS3NotFound(error: unknown): boolean {
  return isNotFound(awsSdkFailure(error));
}

/**
 * S3 SDK error → SyncError. SyncErrors (the broker's: no token, STS refused) pass through
 * unchanged, so "wrong secret" reaches the user as such and not as a store failure.
 */
export function translateS3Error(error: unknown, what: string): SyncError {
  if (isSyncError(error)) return error;
  const answered = typeof error === 'object' && error !== null && '$response' in error;
  return translateStoreFailure(awsSdkFailure(error), what, answered ? undefined : error);
}
