import { SyncError } from '../../../app/errors/sync-error.js';
import { networkErrorCode } from './network-error.js';

export interface StsCallContext {
  readonly profileId: string;
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly roleArn: string;
  readonly durationSeconds: number;
}

interface ServiceErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Translates an STS failure into what the user must do. Ceph RGW answers STS errors in S3's XML
 * shape, which the SDK cannot parse (name "Unknown"), so the HTTP status decides; real AWS and
 * CTyun error names refine the message where they parse.
 */
export function translateStsError(error: unknown, context: StsCallContext): SyncError {
  const { profileId, endpoint, accessKeyId, roleArn, durationSeconds } = context;
  const network = networkErrorCode(error);
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const name = shape.name ?? 'Error';
  const requestId = shape.$metadata?.requestId;
  const ids = requestId ? { requestId } : {};
  if (network !== undefined || status === undefined) {
    return new SyncError(
      'sts-unreachable',
      'retry',
      `Cannot reach STS at ${endpoint} for profile "${profileId}" (${network ?? name}).`,
      {
        hint: 'Check the network, the proxy settings and credentials.stsEndpoint.',
        cause: error,
      },
    );
  }
  const code = name === 'Unknown' ? `HTTP ${status}` : `HTTP ${status} ${name}`;
  if (name === 'SignatureDoesNotMatch') {
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
  if (name === 'InvalidClientTokenId' || name === 'InvalidAccessKeyId') {
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
  if (status === 404) {
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
      hint: `Check that durationSeconds (${durationSeconds}) is within what the provider and the role allow (Ceph: up to the role's max session, 3600 by default), that the session name is 2–64 characters of [\\w+=,.@-], and that a custom policy is valid.`,
      ...ids,
    },
  );
}
