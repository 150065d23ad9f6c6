import { skewFromDateHeader } from './clock-skew.js';
import { networkErrorCode } from './network-error.js';
import { fieldsOf, type SdkFailure } from './sdk-failure.js';

/** An ali-oss failure, with what Alibaba adds to the S3-like part: the EC sub-code. */
export interface AliSdkFailure extends SdkFailure {
  /** OSS's error detail code ("EC" in the error XML, e.g. 0002-00000080). */
  readonly ec: string | undefined;
  readonly message: string;
}

/** The parts of an ali-oss error (client and STS, lib/client.js `requestError`) that are read. */
interface AliSdkError {
  status: number;
  code: string;
  name: string;
  requestId: string;
  ecCode: string;
  message: string;
  headers: Record<string, string | undefined>;
}

/**
 * An ali-oss failure (the OSS client and `OSS.STS`): `status` (-1/-2 for no answer), `code`,
 * `ecCode`, the request id and message. `skewMs` is how far the local clock was from the
 * service's, as the caller knows it (the OSS store: its ServerClock; STS: `aliDateSkew`).
 */
export function aliSdkFailure(error: unknown, skewMs: number | undefined): AliSdkFailure {
  const shape = fieldsOf<AliSdkError>(error);
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
    ...(skewMs === undefined ? {} : { skewMs }),
  };
}

/** Local clock minus the `Date` header of the answer an ali-oss error carries, when it has one. */
export function aliDateSkew(error: unknown, now: number = Date.now()): number | undefined {
  return skewFromDateHeader(fieldsOf<AliSdkError>(error).headers?.['date'], now);
}
