import { describe, expect, it } from 'vitest';

import { awsSdkFailure } from '../../../../../main/adapters/sdk-errors/aws-sdk-failure.js';
import { s3Error } from '../../../../support/s3-sdk-error.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('awsSdkFailure (an S3 error)', () => {
  it('reads the skew from the Date header: local minus the store', () => {
    const failure = awsSdkFailure(
      s3Error('RequestTimeTooSkewed', 403, { date: 'Mon, 30 Nov 2026 09:40:00 GMT' }),
      NOW,
    );
    expect(failure.skewMs).toBe(20 * 60_000);
  });

  it("prefers RequestTimeTooSkewed's ServerTime", () => {
    const failure = awsSdkFailure(
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
    expect(awsSdkFailure(s3Error('SlowDown', 503, { 'retry-after': '3' }), NOW).retryAfterMs).toBe(
      3000,
    );
    expect(
      awsSdkFailure(s3Error('SlowDown', 503, { 'retry-after': '9999' }), NOW).retryAfterMs,
    ).toBe(300_000);
    expect(awsSdkFailure(s3Error('SlowDown', 503, {}), NOW).retryAfterMs).toBeUndefined();
  });
});
