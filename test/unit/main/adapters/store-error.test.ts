import { describe, expect, it } from 'vitest';

import {
  isAuthFailure,
  translateStoreFailure,
  type StoreFailure,
} from '../../../../main/adapters/store-error.js';

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
      'not-found',
      'fatal',
      /the bucket does not exist/,
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
    ['throttled', failure(503, 'SlowDown'), 'server-error', 'retry', /HTTP 503 SlowDown/],
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

  it.each([
    [failure(403, 'Whatever'), true],
    [failure(400, 'InvalidAccessKeyId'), true],
    [failure(400, 'SignatureDoesNotMatch'), true],
    [failure(404, 'NoSuchKey'), false],
    [failure(500, 'InternalError'), false],
  ])('isAuthFailure(%o) = %s', (input, expected) => {
    expect(isAuthFailure(input)).toBe(expected);
  });
});
