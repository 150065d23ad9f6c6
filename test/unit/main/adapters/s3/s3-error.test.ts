import { describe, expect, it } from 'vitest';

import {
  isS3AuthFailure,
  s3Failure,
  translateS3Error,
} from '../../../../../main/adapters/s3/s3-error.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');
/** An @aws-sdk/client-s3 service error as the SDK builds it: `$metadata`, hidden `$response`. */
function s3Error(name: string, status: number, headers: Record<string, string>, extra = {}) {
  const error = Object.assign(new Error(name), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'r-1' },
    ...extra,
  });
  Object.defineProperty(error, '$response', { value: { statusCode: status, headers } });
  return error;
}

describe('s3Failure', () => {
  it('reads the skew from the Date header: local minus the store', () => {
    const failure = s3Failure(
      s3Error('RequestTimeTooSkewed', 403, { date: 'Mon, 30 Nov 2026 09:40:00 GMT' }),
      NOW,
    );
    expect(failure.skewMs).toBe(20 * 60_000);
  });

  it("prefers RequestTimeTooSkewed's ServerTime", () => {
    const failure = s3Failure(
      s3Error(
        'RequestTimeTooSkewed',
        403,
        { date: 'Mon, 30 Nov 2026 09:00:00 GMT' },
        { ServerTime: '2026-11-30T10:30:00Z' },
      ),
      NOW,
    );
    expect(failure.skewMs).toBe(-30 * 60_000);
  });

  it('reads Retry-After (seconds), capped at 5 minutes', () => {
    expect(s3Failure(s3Error('SlowDown', 503, { 'retry-after': '3' }), NOW).retryAfterMs).toBe(
      3000,
    );
    expect(s3Failure(s3Error('SlowDown', 503, { 'retry-after': '9999' }), NOW).retryAfterMs).toBe(
      300_000,
    );
    expect(s3Failure(s3Error('SlowDown', 503, {}), NOW).retryAfterMs).toBeUndefined();
  });
});

describe('translateS3Error', () => {
  it('a skewed 403 is clock-skewed with the offset, and never forces a token refresh', () => {
    const date = new Date(Date.now() - 1000 * 1000).toUTCString();
    const error = s3Error('RequestTimeTooSkewed', 403, { date });
    expect(isS3AuthFailure(error)).toBe(false);
    const translated = translateS3Error(error, 'PutObject a');
    expect(translated).toMatchObject({ code: 'clock-skewed', disposition: 'fatal' });
    expect(translated.message).toMatch(
      /your clock is (999|1000|1001) s off \(ahead of the store's time\)/,
    );
  });

  it('a plain 403 AccessDenied still forces one refresh (expired tokens look like that)', () => {
    expect(isS3AuthFailure(s3Error('AccessDenied', 403, { date: new Date().toUTCString() }))).toBe(
      true,
    );
  });
});
