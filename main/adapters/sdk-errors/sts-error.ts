import { SyncError } from '../../../app/errors/sync-error.js';
import { aliDateSkew, aliSdkFailure } from './ali-sdk-failure.js';
import { awsSdkFailure } from './aws-sdk-failure.js';
import { clockSkewError, isClockSkew } from './clock-skew.js';
import { networkErrorCode } from './network-error.js';
import type { SdkFailure } from './sdk-failure.js';

export interface StsCallContext {
  readonly profileId: string;
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly roleArn: string;
  readonly durationSeconds: number;
}

/** ali-oss STS errors (Alibaba Cloud), with the skew from the answer's Date header. */
export function aliyunStsFailure(error: unknown, now: number = Date.now()): SdkFailure {
  return aliSdkFailure(error, aliDateSkew(error, now));
}

/**
 * STS asking to slow down: AWS STS answers HTTP 400 `Throttling` (AWS STS common errors),
 * Alibaba STS HTTP 400 `Throttling`, `Throttling.User` or `Throttling.Api` (Alibaba's SDK core
 * recognises throttling by code, not status: @alicloud/openapi-core), others 429. Never fatal:
 * the broker waits with jittered exponential backoff (app/retry/backoff.ts) and tries again.
 */
const STS_THROTTLE =
  /^(?:Throttling(?:\..+)?|ThrottlingException|TooManyRequests|RequestLimitExceeded|ServiceUnavailable\.Throttling)$/;

export function isStsThrottling(failure: SdkFailure): boolean {
  return failure.status === 429 || STS_THROTTLE.test(failure.name);
}

const WRONG_SECRET = new Set(['SignatureDoesNotMatch', 'IncompleteSignature']);
const UNKNOWN_KEY = new Set([
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
]);
const NO_ROLE = new Set(['NotFound', 'EntityNotExist.Role', 'NoSuchEntity']);

/**
 * Translates an STS failure into what the user must do. Ceph RGW answers STS errors in S3's XML
 * shape, which the SDK cannot parse (name "Unknown"), so the HTTP status decides; real AWS, CTyun
 * and Alibaba error codes refine the message where they parse.
 */
export function translateStsError(
  error: unknown,
  context: StsCallContext,
  failure: SdkFailure = awsSdkFailure(error),
): SyncError {
  const { profileId, endpoint, accessKeyId, roleArn, durationSeconds } = context;
  const network = networkErrorCode(error);
  const { status, name } = failure;
  // Params for the UI's translated text (renderer/src/i18n/errors/); public values only.
  const params = {
    profile: profileId,
    endpoint,
    accessKeyId,
    roleArn,
    durationSeconds,
    status: status ?? 0,
    stsCode: name,
  };
  const ids = { ...(failure.requestId ? { requestId: failure.requestId } : {}), params };
  if (network !== undefined || status === undefined) {
    return new SyncError(
      'sts-unreachable',
      'retry',
      `Cannot reach STS at ${endpoint} for profile "${profileId}" (${network ?? name}).`,
      {
        hint: 'Check the network, the proxy settings and credentials.stsEndpoint.',
        params: { ...params, detail: network ?? name },
        cause: error,
      },
    );
  }
  const code = name === 'Unknown' ? `HTTP ${status}` : `HTTP ${status} ${name}`;
  if (isStsThrottling(failure)) {
    return new SyncError(
      'sts-server-error',
      'retry',
      `STS at ${endpoint} asks profile "${profileId}" to slow down (${code}); Ferry waits and retries.`,
      { hint: 'Nothing to fix unless it persists: other clients may share the quota.', ...ids },
    );
  }
  // Before WRONG_SECRET: AWS reports an expired signature as SignatureDoesNotMatch.
  if (isClockSkew(failure)) {
    return clockSkewError(
      `AssumeRole for profile "${profileId}"`,
      failure,
      'STS',
      failure.requestId,
    );
  }
  if (WRONG_SECRET.has(name)) {
    return new SyncError(
      'sts-denied',
      'fatal',
      `STS says the secret key stored for profile "${profileId}" does not match access key ${accessKeyId} (${code}).`,
      {
        hint: `Store the right secret with \`ferry secret set ${profileId}\`.`,
        ...ids,
      },
    );
  }
  if (UNKNOWN_KEY.has(name)) {
    return new SyncError(
      'sts-denied',
      'fatal',
      `STS does not know access key ${accessKeyId} of profile "${profileId}" (${code}).`,
      {
        hint: 'Check credentials.accessKeyId; the key may have been deleted or disabled.',
        ...ids,
      },
    );
  }
  if (status === 401 || status === 403) {
    return new SyncError(
      'sts-denied',
      'fatal',
      `STS refused to let access key ${accessKeyId} assume ${roleArn} (${code}).`,
      {
        hint: `Either the secret stored for profile "${profileId}" is wrong (\`ferry secret set ${profileId}\`), the key does not exist, or the role's trust policy does not name this user.`,
        ...ids,
      },
    );
  }
  if (status === 404 || NO_ROLE.has(name)) {
    return new SyncError('sts-role-not-found', 'fatal', `STS has no role ${roleArn} (${code}).`, {
      hint: 'Check credentials.roleArn against the role shown in the provider console.',
      ...ids,
    });
  }
  if (status === 429 || status >= 500) {
    return new SyncError(
      'sts-server-error',
      'retry',
      `STS at ${endpoint} failed (${code}); Ferry will retry.`,
      { ...ids, cause: error },
    );
  }
  return new SyncError(
    'sts-invalid-request',
    'fatal',
    `STS rejected the AssumeRole request of profile "${profileId}" (${code}).`,
    {
      hint: `Check that durationSeconds (${durationSeconds}) is within what the provider and the role allow (Ceph: up to the role's max session, 3600 by default), that the session name is 2–64 characters the provider allows (AWS: letters, digits and + = , . @ _ -; Alibaba: no + = ,), and that a custom policy is valid.`,
      ...ids,
    },
  );
}
