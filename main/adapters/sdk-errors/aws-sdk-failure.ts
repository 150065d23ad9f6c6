import { skewFromDateHeader } from './clock-skew.js';
import { networkErrorCode } from './network-error.js';
import { fieldsOf, type SdkFailure } from './sdk-failure.js';

/** The parts of an @aws-sdk error (smithy ServiceException) that are read. */
interface AwsSdkError {
  name: string;
  message: string;
  /** RequestTimeTooSkewed's body carries the server's time (S3 error responses). */
  ServerTime: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
  $response: { headers?: Record<string, string | undefined> };
}

/** Retry-After is obeyed up to this long; a longer one is a misconfigured server, not a plan. */
const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * An @aws-sdk client's failure (client-s3 for AWS, CTyun, Ceph and MinIO stores; client-sts for
 * their STS): the status and request id from `$metadata`, the answer's headers from `$response`
 * (@smithy/smithy-client ServiceException). `now` reads the local clock when the failure is
 * seen, to compare with the answer's time (clock skew).
 */
export function awsSdkFailure(error: unknown, now: number = Date.now()): SdkFailure {
  const shape = fieldsOf<AwsSdkError>(error);
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
      ? { retryAfterMs: Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000 }
      : {}),
  };
}
