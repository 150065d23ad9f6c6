import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../../app/errors/sync-error.js';
import { isCredentialRejection } from '../../../../../app/transfer/auth-retrying-store.js';
import { ServerClock } from '../../../../../main/adapters/oss/ali-oss-transport.js';
import { translateOssError } from '../../../../../main/adapters/oss/oss-error.js';
import { checkOssBucket, checkOssKey } from '../../../../../main/adapters/oss/oss-names.js';

/** An error shaped like ali-oss's requestError (lib/client.js): status, code, ecCode, message. */
function aliOssError(status: number, code: string, message = '', ecCode?: string): Error {
  return Object.assign(new Error(message), {
    name: `${code}Error`,
    status,
    code,
    requestId: 'req-1',
    ...(ecCode ? { ecCode } : {}),
  });
}

const v4 = { signatureVersion: 'v4' as const };
const translate = (error: unknown, context: Parameters<typeof translateOssError>[2] = v4) =>
  translateOssError(error, 'PutObject a/b.txt', context);
/** Whether the AuthRetryingStore refreshes the token for this error, as the OSS store reports it. */
const isOssCredentialRejection = (error: unknown) => isCredentialRejection(translate(error));

describe('translateOssError: OSS errors as the clouds send them', () => {
  it.each([
    // [error, code, disposition, refresh the token first?]
    [
      aliOssError(403, 'AccessDenied', 'OSS no longer supports V1 signatures.', '0002-00000080'),
      'config-invalid',
      'fatal',
      false,
    ],
    [
      aliOssError(403, 'AccessDenied', 'You have no right to access this object.'),
      'access-denied',
      'no-retry',
      true,
    ],
    [
      aliOssError(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      ),
      'clock-skewed',
      'fatal',
      false,
    ],
    [
      aliOssError(400, 'InvalidBucketName', 'The specified bucket is not valid.'),
      'bucket-invalid',
      'fatal',
      false,
    ],
    [
      aliOssError(404, 'NoSuchBucket', 'The specified bucket does not exist.'),
      'bucket-missing',
      'fatal',
      false,
    ],
    [
      aliOssError(400, 'InvalidObjectName', 'The specified object is not valid.'),
      'key-invalid',
      'fatal',
      false,
    ],
    [aliOssError(503, 'SlowDown', 'Please reduce your request rate.'), 'throttled', 'retry', false],
    [aliOssError(429, 'TooManyRequests'), 'throttled', 'retry', false],
    [aliOssError(403, 'SecurityTokenExpired'), 'access-denied', 'no-retry', true],
    [aliOssError(403, 'InvalidAccessKeyId'), 'access-denied', 'no-retry', true],
    [
      Object.assign(new Error('connect ECONNREFUSED'), { status: -1, code: 'RequestError' }),
      'network',
      'retry',
      false,
    ],
  ])('%s → %s (%s); token refresh first: %s', (error, code, disposition, refresh) => {
    expect(translate(error)).toMatchObject({ code, disposition });
    expect(isOssCredentialRejection(error)).toBe(refresh);
  });

  it('the V1 refusal names signatureVersion and keeps the request id', () => {
    const error = translate(aliOssError(403, 'AccessDenied', 'x', '0002-00000080'), {
      signatureVersion: 'v1' as const,
    });
    expect(error.message).toContain('V1 signatures');
    expect(error.hint).toContain('signatureVersion: v4');
    expect(error.requestId).toBe('req-1');
  });

  it('the V1 refusal is recognised by its message when the EC is missing', () => {
    const error = aliOssError(
      403,
      'AccessDenied',
      'OSS no longer supports V1 signature. Upgrade to V4.',
    );
    expect(translate(error)).toMatchObject({ code: 'config-invalid' });
    expect(isOssCredentialRejection(error)).toBe(false);
  });

  it('RequestTimeTooSkewed says by how much and which way the clock is off', () => {
    const clock = new ServerClock(() => Date.parse('2026-11-30T10:20:00Z'));
    clock.observe({
      status: 403,
      data: Buffer.from(
        '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>20261130T102000Z</RequestTime>' +
          '<ServerTime>2026-11-30T10:00:00.000Z</ServerTime></Error>',
      ),
    });
    const error = translate(aliOssError(403, 'RequestTimeTooSkewed'), { ...v4, clock });
    expect(error.message).toContain('your clock is 1200 s off (ahead of');
    expect(error.hint).toMatch(/clock/);
  });

  it('without a skew report, the answers’ Date header tells the offset (HEAD errors included)', () => {
    const clock = new ServerClock(() => Date.parse('Mon, 30 Nov 2026 10:00:00 GMT'));
    clock.observe({ status: 200, headers: { date: 'Mon, 30 Nov 2026 10:30:00 GMT' } });
    expect(translate(aliOssError(403, 'RequestTimeTooSkewed'), { ...v4, clock }).message).toContain(
      'your clock is 1800 s off (behind',
    );
    const headClock = new ServerClock(() => 0);
    const xml =
      '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>Mon, 30 Nov 2026 10:00:00 GMT</RequestTime><ServerTime>Mon, 30 Nov 2026 09:59:00 GMT</ServerTime></Error>';
    headClock.observe({
      status: 403,
      headers: { 'x-oss-err': Buffer.from(xml).toString('base64') },
    });
    expect(headClock.skewMs).toBe(60_000);
  });

  it('SyncErrors (the broker’s, our own checks) pass through untouched', () => {
    const original = new SyncError('sts-denied', 'fatal', 'no');
    expect(translate(original)).toBe(original);
    expect(isOssCredentialRejection(original)).toBe(false);
  });

  it('never keeps the ali-oss error (it holds the signed request) as the cause', () => {
    const error = Object.assign(aliOssError(403, 'AccessDenied'), { params: { secret: 'x' } });
    expect(translate(error).cause).toBeUndefined();
  });
});

describe('OSS names checked before ali-oss alters or refuses them', () => {
  it('a bucket with a dot is a fatal bucket-invalid error, not a network retry', () => {
    expect(() => checkOssBucket('my.bucket', 'PutObject k')).toThrow(
      expect.objectContaining({ code: 'bucket-invalid', disposition: 'fatal' }),
    );
    expect(() => checkOssBucket('my-bucket-1', 'PutObject k')).not.toThrow();
  });

  it('a key starting with a slash comes from the prefix: fatal key-invalid (ali-oss would strip it)', () => {
    expect(() => checkOssKey('/data/a.txt', 'PutObject /data/a.txt')).toThrow(
      expect.objectContaining({ code: 'key-invalid', disposition: 'fatal' }),
    );
    expect(() => checkOssKey('\\data', 'PutObject x')).toThrow(
      expect.objectContaining({ code: 'key-invalid' }),
    );
  });

  it('keys are 1–1023 bytes of UTF-8: a longer one fails this file alone', () => {
    expect(() => checkOssKey('a'.repeat(1023), 'PutObject x')).not.toThrow();
    expect(() => checkOssKey('é'.repeat(512), 'PutObject x')).toThrow(
      expect.objectContaining({ code: 'invalid-name', disposition: 'no-retry' }),
    );
  });
});
