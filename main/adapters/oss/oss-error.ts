import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import { networkErrorCode } from '../credentials/network-error.js';
import { isAuthFailure, translateStoreFailure, type StoreFailure } from '../store-error.js';
import type { ServerClock } from './ali-oss-transport.js';

/** An ali-oss failure, with what OSS adds to the S3-like part: the EC sub-code and message. */
export interface OssFailure extends StoreFailure {
  /** OSS's error detail code ("EC" in the error XML, e.g. 0002-00000080). */
  readonly ec: string | undefined;
  readonly message: string;
}

/** What the translation needs to know about the caller's setup. */
export interface OssErrorContext {
  readonly signatureVersion: 'v4' | 'v1';
  /** Where the store's clock was last seen, for RequestTimeTooSkewed. */
  readonly clock?: ServerClock;
}

/**
 * V1 refused (help page "0002-00000080", read 2026-11-30: "OSS returns a 403 error when you call
 * an API operation signed with a V1 signature"; V1 is closed to accounts created from 2025-03-01
 * and buckets from 2025-09-01). The page gives the EC only, so the message is matched too.
 */
const V1_REFUSED_EC = '0002-00000080';
const V1_REFUSED_MESSAGE = /\bV1 signature/i;

/** The parts of an ali-oss error that matter: `status` (-1/-2 for no answer), `code`, `ecCode`. */
export function ossFailure(error: unknown): OssFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: number;
    code?: string;
    name?: string;
    requestId?: string;
    ecCode?: string;
    message?: string;
  };
  const answered = typeof shape.status === 'number' && shape.status > 0;
  const network =
    networkErrorCode(error) ?? (answered ? undefined : (shape.code ?? shape.name ?? 'no answer'));
  return {
    status: answered ? shape.status : undefined,
    name: shape.code ?? shape.name ?? 'Error',
    requestId: shape.requestId,
    network,
    ec: typeof shape.ecCode === 'string' ? shape.ecCode : undefined,
    message: typeof shape.message === 'string' ? shape.message : '',
  };
}

function isV1Refusal(failure: OssFailure): boolean {
  return (
    failure.status === 403 &&
    (failure.ec === V1_REFUSED_EC || V1_REFUSED_MESSAGE.test(failure.message))
  );
}

/**
 * Whether a fresh token could help: the store's credential rejections, except the two 403s
 * that no token changes (V1 refused, clock skew) — refreshing on those is a refresh storm.
 */
export function isOssCredentialRejection(error: unknown): boolean {
  if (isSyncError(error)) return false;
  const failure = ossFailure(error);
  if (isV1Refusal(failure) || failure.name === 'RequestTimeTooSkewed') return false;
  return isAuthFailure(failure);
}

/**
 * ali-oss error → SyncError; SyncErrors (the broker's, our own checks') pass through. The
 * ali-oss error is never kept as a cause: it holds the signed request parameters. `what` names
 * the action and key; `bucket` the folder's bucket.
 */
export function translateOssError(
  error: unknown,
  what: string,
  bucket: string,
  context: OssErrorContext,
): SyncError {
  if (isSyncError(error)) return error;
  const failure = ossFailure(error);
  const ids = failure.requestId ? { requestId: failure.requestId } : {};
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
        ...ids,
      },
    );
  }
  if (failure.name === 'RequestTimeTooSkewed') {
    const offset = context.clock?.offsetMs;
    const seconds = offset === undefined ? undefined : Math.round(Math.abs(offset) / 1000);
    return new SyncError(
      'clock-skewed',
      'fatal',
      seconds === undefined
        ? `${what}: OSS says this computer's clock is off by more than 15 minutes (RequestTimeTooSkewed).`
        : `${what}: your clock is ${seconds} s ${offset! > 0 ? 'behind' : 'ahead of'} the store's (RequestTimeTooSkewed: OSS allows 15 minutes).`,
      {
        hint: "Set this computer's clock automatically (NTP); new credentials would not help.",
        ...ids,
      },
    );
  }
  if (failure.name === 'InvalidBucketName') {
    return new SyncError(
      'config-invalid',
      'fatal',
      `${what}: "${bucket}" is not a valid OSS bucket name (InvalidBucketName).`,
      {
        hint: "OSS bucket names are 3–63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (no dots). Check the folder's bucket.",
        ...ids,
      },
    );
  }
  if (failure.name === 'InvalidObjectName') {
    return new SyncError(
      'invalid-name',
      'no-retry',
      `${what}: OSS refuses this object name (InvalidObjectName).`,
      {
        hint: "OSS keys are 1–1023 bytes of UTF-8 and must not start with / or \\: check the folder's prefix and the file's path.",
        ...ids,
      },
    );
  }
  return translateStoreFailure(failure, what);
}
