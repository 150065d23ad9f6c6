import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import { networkErrorCode } from '../sdk-errors/network-error.js';
import {
  isAuthFailure,
  translateStoreFailure,
  type StoreFailure,
} from '../sdk-errors/store-error.js';
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

/**
 * The parts of an ali-oss error that matter: `status` (-1/-2 for no answer), `code`, `ecCode`,
 * the message, and how far the local clock was from the store's (`clock`, from the answers).
 */
export function ossFailure(error: unknown, clock?: ServerClock): OssFailure {
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
    ...(clock?.skewMs === undefined ? {} : { skewMs: clock.skewMs }),
  };
}

function isV1Refusal(failure: OssFailure): boolean {
  return (
    failure.status === 403 &&
    (failure.ec === V1_REFUSED_EC || V1_REFUSED_MESSAGE.test(failure.message))
  );
}

/**
 * Whether a fresh token could help: the store's credential rejections, except the 403s no token
 * changes — V1 refused, and (store-error.ts) clock skew and throttling. Refreshing on those is a
 * refresh storm.
 */
export function isOssCredentialRejection(error: unknown, clock?: ServerClock): boolean {
  if (isSyncError(error)) return false;
  const failure = ossFailure(error, clock);
  return !isV1Refusal(failure) && isAuthFailure(failure);
}

/**
 * ali-oss error → SyncError; SyncErrors (the broker's, our own checks') pass through. The
 * ali-oss error is never kept as a cause: it holds the signed request parameters. `what` names
 * the action and key. Everything but the V1 refusal is translated like any store's
 * (store-error.ts: throttling, clock skew, bucket and key problems, denials).
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
