import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import { aliSdkFailure, type AliSdkFailure } from '../sdk-errors/ali-sdk-failure.js';
import { translateStoreFailure } from '../sdk-errors/store-error.js';
import type { ServerClock } from './ali-oss-transport.js';

/** What the translation needs to know about the caller's setup. */
export interface OssErrorContext {
  readonly signatureVersion: 'v4' | 'v1';
  /** How far the store's answers say the local clock is off (RequestTimeTooSkewed). */
  readonly clock?: ServerClock;
}

/**
 * V1 refused (help page "0002-00000080", read 2026-11-30: "OSS returns a 403 error when you call
 * an API operation signed with a V1 signature"; V1 is closed to accounts created from 2025-03-01
 * and buckets from 2025-09-01). The page gives the EC only, so the message is matched too.
 */
const V1_REFUSED_EC = '0002-00000080';
const V1_REFUSED_MESSAGE = /\bV1 signature/i;

/** An ali-oss failure, with how far the local clock is from the store's (`clock`, from its answers). */
export function ossFailure(error: unknown, clock?: ServerClock): AliSdkFailure {
  return aliSdkFailure(error, clock?.skewMs);
}

function isV1Refusal(failure: AliSdkFailure): boolean {
  return (
    failure.status === 403 &&
    (failure.ec === V1_REFUSED_EC || V1_REFUSED_MESSAGE.test(failure.message))
  );
}

/**
 * ali-oss error → SyncError; SyncErrors (the broker's, our own checks') pass through. The
 * ali-oss error is never kept as a cause: it holds the signed request parameters. `what` names
 * the action and key. Everything but the V1 refusal is translated like any store's
 * (store-error.ts: throttling, clock skew, bucket and key problems, denials). The V1 refusal is
 * a 403 no token changes, so it is `config-invalid`, never the `access-denied` that makes the
 * AuthRetryingStore refresh (a refresh storm otherwise).
 */
export function translateOssError(
  error: unknown,
  what: string,
  context: OssErrorContext,
): SyncError {
  if (isSyncError(error)) return error;
  const failure = ossFailure(error, context.clock);
  if (isV1Refusal(failure)) {
    return new SyncError(
      'config-invalid',
      'fatal',
      `${what}: OSS refuses V1 signatures for this account or bucket (EC ${V1_REFUSED_EC}).`,
      {
        hint:
          context.signatureVersion === 'v1'
            ? 'Set signatureVersion: v4 on the profile (the default), with its region (e.g. cn-hangzhou).'
            : 'Check signatureVersion and region on the profile.',
        ...(failure.requestId ? { requestId: failure.requestId } : {}),
      },
    );
  }
  return translateStoreFailure(failure, what);
}
