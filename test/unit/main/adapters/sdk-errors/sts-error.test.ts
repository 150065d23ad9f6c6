import { describe, expect, it } from 'vitest';

import {
  aliyunStsFailure,
  translateStsError,
} from '../../../../../main/adapters/sdk-errors/sts-error.js';

const context = {
  profileId: 'ceph',
  endpoint: 'http://127.0.0.1:7480',
  accessKeyId: 'AKID',
  roleArn: 'arn:aws:iam:::role/SyncRole',
  durationSeconds: 3601,
};
const serviceError = (name: string, status: number, message = 'UnknownError', date?: string) =>
  Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    ...(date === undefined ? {} : { $response: { headers: { date } } }),
  });
/** An ali-oss STS error: `status`, `code`, `headers`. */
const aliyunError = (code: string, status: number) =>
  Object.assign(new Error(code), { status, code, requestId: 'req-2', headers: {} });
const networkError = (code: string) =>
  Object.assign(new Error('connect failed'), { cause: Object.assign(new Error(code), { code }) });

describe('translateStsError', () => {
  it.each([
    [
      'connection refused',
      networkError('ECONNREFUSED'),
      'sts-unreachable',
      'retry',
      /Cannot reach STS at http:\/\/127\.0\.0\.1:7480 .*ECONNREFUSED/,
    ],
    [
      'a timeout',
      Object.assign(new Error('t'), { name: 'TimeoutError' }),
      'sts-unreachable',
      'retry',
      /timeout/,
    ],
    [
      'AWS: wrong secret',
      serviceError('SignatureDoesNotMatch', 403),
      'sts-denied',
      'fatal',
      /secret key stored for profile "ceph" does not match access key AKID/,
    ],
    [
      'AWS: unknown key',
      serviceError('InvalidClientTokenId', 403),
      'sts-denied',
      'fatal',
      /does not know access key AKID/,
    ],
    [
      'Ceph: any 403 (body not parseable)',
      serviceError('Unknown', 403),
      'sts-denied',
      'fatal',
      /refused to let access key AKID assume arn:aws:iam:::role\/SyncRole \(HTTP 403\)/,
    ],
    [
      'no such role',
      serviceError('NotFound', 404),
      'sts-role-not-found',
      'fatal',
      /has no role arn:aws:iam:::role\/SyncRole/,
    ],
    [
      'a bad request',
      serviceError('Unknown', 400),
      'sts-invalid-request',
      'fatal',
      /rejected the AssumeRole request of profile "ceph" \(HTTP 400\)/,
    ],
    [
      'throttling',
      serviceError('Throttling', 429),
      'sts-server-error',
      'retry',
      /HTTP 429 Throttling/,
    ],
    ['a server error', serviceError('InternalError', 500), 'sts-server-error', 'retry', /HTTP 500/],
    [
      'AWS STS throttling is HTTP 400',
      serviceError('Throttling', 400),
      'sts-server-error',
      'retry',
      /asks profile "ceph" to slow down \(HTTP 400 Throttling\); Ferry waits and retries/,
    ],
    [
      'AWS: RequestExpired',
      serviceError('RequestExpired', 400),
      'clock-skewed',
      'fatal',
      /STS refused the request time \(HTTP 400 RequestExpired\)/,
    ],
    [
      'AWS: an expired signature is skew, not a wrong secret',
      serviceError(
        'SignatureDoesNotMatch',
        403,
        'Signature expired: 20261130T090000Z is now earlier than 20261130T093000Z (20261130T094500Z - 15 min.)',
      ),
      'clock-skewed',
      'fatal',
      /more than 15 minutes off/,
    ],
    [
      'Ceph: a bodiless 403 whose Date is 30 minutes ahead of ours',
      serviceError(
        'Unknown',
        403,
        'UnknownError',
        new Date(Date.now() + 30 * 60_000).toUTCString(),
      ),
      'clock-skewed',
      'fatal',
      /your clock is 1[78]\d\d s off \(behind STS's time\)/,
    ],
  ])('%s', (_name, error, code, disposition, message) => {
    const translated = translateStsError(error, context);
    expect(translated).toMatchObject({ code, disposition });
    expect(translated.message).toMatch(message);
  });

  it.each([
    ['Throttling', 'sts-server-error', 'retry'],
    ['Throttling.User', 'sts-server-error', 'retry'],
    ['Throttling.Api', 'sts-server-error', 'retry'],
    ['InvalidTimeStamp.Expired', 'clock-skewed', 'fatal'],
    ['InvalidTimeStamp.Format', 'sts-invalid-request', 'fatal'],
    ['InvalidParameter.RoleSessionName', 'sts-invalid-request', 'fatal'],
  ])('Alibaba STS HTTP 400 %s → %s (%s)', (name, code, disposition) => {
    const translated = translateStsError(
      aliyunError(name, 400),
      context,
      aliyunStsFailure(aliyunError(name, 400)),
    );
    expect(translated).toMatchObject({ code, disposition });
  });

  it('tells how to fix a bad request: the duration is the usual suspect', () => {
    expect(translateStsError(serviceError('Unknown', 400), context).hint).toMatch(
      /durationSeconds \(3601\)/,
    );
  });

  it('keeps the request id for support', () => {
    expect(translateStsError(serviceError('Unknown', 403), context).requestId).toBe('req-1');
  });
});
