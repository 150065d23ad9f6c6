/**
 * What any SDK's failure boils down to, whichever service answered (a store or STS) and
 * whichever client carried it (@aws-sdk: aws-sdk-failure.ts; ali-oss: ali-sdk-failure.ts). The
 * translations (store-error.ts, sts-error.ts) read only this, never an SDK's error shape.
 */
export interface SdkFailure {
  /** HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  /** The service's error code (S3 and OSS share most: NoSuchKey, AccessDenied…). */
  readonly name: string;
  readonly requestId: string | undefined;
  /** A socket-level code (ECONNREFUSED, timeout) when the request never got an answer. */
  readonly network: string | undefined;
  /** The service's error message, when the client kept it (tells skew from a wrong secret). */
  readonly message?: string | undefined;
  /** Local clock minus the service's, from the answer (Date header, skew report). */
  readonly skewMs?: number | undefined;
  /** The answer's Retry-After, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

/** `error` as a record to read fields from (anything thrown may be thrown). */
export function fieldsOf<T extends object>(error: unknown): Partial<T> {
  if (typeof error !== 'object' || error === null) return {};
  return error;
}
