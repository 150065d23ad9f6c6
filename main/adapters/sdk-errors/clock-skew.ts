import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * Signed requests carry their time, and servers refuse them when it is too far from theirs:
 * S3 and OSS answer 403 `RequestTimeTooSkewed` beyond 15 minutes (AWS S3 error responses; OSS
 * error codes), AWS STS `RequestExpired` or `SignatureDoesNotMatch` "Signature expired: … is now
 * earlier than … (… - 15 min.)" (AWS SigV4 troubleshooting), Alibaba STS 400
 * `InvalidTimeStamp.Expired` (Alibaba OpenAPI common errors). A new token cannot fix any of
 * these, so they are `clock-skewed`, never `access-denied`: the forced refresh of
 * app/transfer/auth-retrying-store.ts must not run for them.
 */
export const SIGNATURE_TIME_LIMIT_MS = 15 * 60_000;

const SKEW_NAMES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestTimeExpired']);
const EXPIRED_SIGNATURE = /signature (?:expired|not yet current)|request has expired/i;

export interface TimeFailure {
  readonly status: number | undefined;
  readonly name: string;
  /** The server's error message, when the client kept it. */
  readonly message?: string | undefined;
  /** Local clock minus the server's (from the answer's Date header), when known. */
  readonly skewMs?: number | undefined;
}

/** Whether the server refused the request's time rather than its credentials. */
export function isClockSkew(failure: TimeFailure): boolean {
  if (SKEW_NAMES.has(failure.name)) return true;
  // Alibaba OpenAPI: InvalidTimeStamp.Expired (InvalidTimeStamp.Format is a client bug instead).
  if (failure.name.startsWith('InvalidTimeStamp.') && failure.name !== 'InvalidTimeStamp.Format') {
    return true;
  }
  if (failure.name === 'SignatureDoesNotMatch' && EXPIRED_SIGNATURE.test(failure.message ?? '')) {
    return true;
  }
  // Stores whose error body the client cannot parse (Ceph's STS answers in S3's XML shape):
  // a refusal whose Date header is more than the signing window away says it all.
  const refused = failure.status === 400 || failure.status === 401 || failure.status === 403;
  return (
    refused && failure.skewMs !== undefined && Math.abs(failure.skewMs) > SIGNATURE_TIME_LIMIT_MS
  );
}

/** Local clock minus a server's `Date` header (RFC 7231), or undefined when unreadable. */
export function skewFromDateHeader(date: unknown, localNow: number): number | undefined {
  if (typeof date !== 'string' || date === '') return undefined;
  const server = Date.parse(date);
  return Number.isNaN(server) ? undefined : localNow - server;
}

/** "your clock is 1234 s off (ahead of the store's)": the error the user can act on. */
export function clockSkewError(
  what: string,
  failure: TimeFailure,
  peer: 'the store' | 'STS',
  requestId: string | undefined,
): SyncError {
  const skew = failure.skewMs;
  const code =
    failure.status === undefined ? failure.name : `HTTP ${failure.status} ${failure.name}`;
  const message =
    skew === undefined
      ? `${what}: ${peer} refused the request time (${code}): this computer's clock is more than 15 minutes off.`
      : `${what}: your clock is ${Math.round(Math.abs(skew) / 1000)} s off (${skew > 0 ? 'ahead of' : 'behind'} ${peer}'s time), so ${peer} refuses signed requests (${code}).`;
  return new SyncError('clock-skewed', 'fatal', message, {
    hint: "Set this computer's clock automatically (NTP / Internet time); new credentials would not help.",
    ...(requestId ? { requestId } : {}),
    params: {
      action: what,
      peer: peer === 'STS' ? 'sts' : 'store',
      ...(skew === undefined
        ? {}
        : { seconds: Math.round(Math.abs(skew) / 1000), direction: skew > 0 ? 'ahead' : 'behind' }),
    },
  });
}
