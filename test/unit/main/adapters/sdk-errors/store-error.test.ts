import { describe, expect, it } from 'vitest';

import {
  isAuthFailure,
  translateStoreFailure,
} from '../../../../../main/adapters/sdk-errors/store-error.js';
import type { SdkFailure as StoreFailure } from '../../../../../main/adapters/sdk-errors/sdk-failure.js';

const failure = (status: number | undefined, name: string, network?: string): StoreFailure => ({
  status,
  name,
  requestId: 'req-9',
  network,
});

describe('translateStoreFailure', () => {
  it.each([
    [
      'no answer',
      failure(undefined, 'Error', 'ECONNRESET'),
      'network',
      'retry',
      /cannot reach the store \(ECONNRESET\)/,
    ],
    [
      '403 AccessDenied (S3/OSS)',
      failure(403, 'AccessDenied'),
      'access-denied',
      'no-retry',
      /denied by the store \(AccessDenied\), even with fresh credentials/,
    ],
    [
      'OSS expired token',
      failure(403, 'SecurityTokenExpired'),
      'access-denied',
      'no-retry',
      /SecurityTokenExpired/,
    ],
    [
      'missing bucket',
      failure(404, 'NoSuchBucket'),
      'bucket-missing',
      'fatal',
      /the bucket does not exist \(NoSuchBucket\)/,
    ],
    [
      'bucket name refused',
      failure(400, 'InvalidBucketName'),
      'bucket-invalid',
      'fatal',
      /refuses the bucket name \(InvalidBucketName\)/,
    ],
    [
      'object name refused',
      failure(400, 'InvalidObjectName'),
      'key-invalid',
      'fatal',
      /refuses the object name \(InvalidObjectName\)/,
    ],
    [
      'missing upload',
      failure(404, 'NoSuchUpload'),
      'not-found',
      'no-retry',
      /no such object or upload/,
    ],
    ['bodiless 404', failure(404, 'NotFound'), 'not-found', 'no-retry', /no such object or upload/],
    ['bad digest (S3)', failure(400, 'BadDigest'), 'bad-digest', 'retry', /do not match their MD5/],
    [
      'invalid digest (OSS)',
      failure(400, 'InvalidDigest'),
      'bad-digest',
      'retry',
      /do not match their MD5/,
    ],
    [
      'part too small',
      failure(400, 'EntityTooSmall'),
      'server-error',
      'no-retry',
      /smaller than the 5 MiB minimum/,
    ],
    [
      'S3 SlowDown',
      failure(503, 'SlowDown'),
      'throttled',
      'retry',
      /slow down \(HTTP 503 SlowDown\)/,
    ],
    ['HTTP 429', failure(429, 'TooManyRequests'), 'throttled', 'retry', /HTTP 429/],
    ['429 without a code', failure(429, 'Unknown'), 'throttled', 'retry', /HTTP 429/],
    [
      'Alibaba Throttling.User (400)',
      failure(400, 'Throttling.User'),
      'throttled',
      'retry',
      /400 Throttling\.User/,
    ],
    [
      'Alibaba Throttling.Api (400)',
      failure(400, 'Throttling.Api'),
      'throttled',
      'retry',
      /Throttling\.Api/,
    ],
    ['AWS Throttling (400)', failure(400, 'Throttling'), 'throttled', 'retry', /400 Throttling/],
    [
      'clock skew without a Date',
      failure(403, 'RequestTimeTooSkewed'),
      'clock-skewed',
      'fatal',
      /refused the request time \(HTTP 403 RequestTimeTooSkewed\): this computer's clock is more than 15 minutes off/,
    ],
    [
      "clock skew with the store's Date",
      { ...failure(403, 'RequestTimeTooSkewed'), skewMs: 1_234_400 },
      'clock-skewed',
      'fatal',
      /your clock is 1234 s off \(ahead of the store's time\)/,
    ],
    [
      'AWS: expired signature',
      {
        ...failure(403, 'SignatureDoesNotMatch'),
        message:
          'Signature expired: 20261130T090000Z is now earlier than 20261130T093000Z (20261130T094500Z - 15 min.)',
      },
      'clock-skewed',
      'fatal',
      /more than 15 minutes off/,
    ],
    [
      'a bodiless 403 from a store 20 min behind',
      { ...failure(403, 'Unknown'), skewMs: 20 * 60_000 },
      'clock-skewed',
      'fatal',
      /your clock is 1200 s off/,
    ],
    [
      'other 4xx',
      failure(400, 'InvalidArgument'),
      'server-error',
      'no-retry',
      /refused the request \(HTTP 400 InvalidArgument\)/,
    ],
  ])('%s', (_name, input, code, disposition, message) => {
    const error = translateStoreFailure(input, 'PutObject a/b.txt');
    expect(error).toMatchObject({ code, disposition });
    expect(error.message).toMatch(/^PutObject a\/b\.txt: /);
    expect(error.message).toMatch(message);
    if (input.status !== undefined) expect(error.requestId).toBe('req-9');
  });

  it("keeps the store's Retry-After for the backoff", () => {
    const error = translateStoreFailure({ ...failure(503, 'SlowDown'), retryAfterMs: 7000 }, 'x');
    expect(error.retryAfterMs).toBe(7000);
  });

  it.each([
    [failure(403, 'Whatever'), true],
    [failure(400, 'InvalidAccessKeyId'), true],
    [failure(400, 'SignatureDoesNotMatch'), true],
    [failure(404, 'NoSuchKey'), false],
    [failure(500, 'InternalError'), false],
    // A new token cannot fix the clock or a throttle: no forced refresh for these.
    [failure(403, 'RequestTimeTooSkewed'), false],
    [{ ...failure(403, 'AccessDenied'), skewMs: -16 * 60_000 }, false],
    [{ ...failure(403, 'AccessDenied'), skewMs: 60_000 }, true],
    [{ ...failure(403, 'SignatureDoesNotMatch'), message: 'Signature expired: x' }, false],
    [failure(429, 'TooManyRequests'), false],
  ])('isAuthFailure(%o) = %s', (input, expected) => {
    expect(isAuthFailure(input)).toBe(expected);
  });
});
