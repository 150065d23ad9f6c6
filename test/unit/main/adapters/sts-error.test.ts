import { describe, expect, it } from 'vitest';

import { translateStsError } from '../../../../main/adapters/credentials/sts-error.js';

const context = {
  profileId: 'ceph',
  endpoint: 'http://127.0.0.1:7480',
  accessKeyId: 'AKID',
  roleArn: 'arn:aws:iam:::role/SyncRole',
  durationSeconds: 3601,
};
const serviceError = (name: string, status: number) =>
  Object.assign(new Error('UnknownError'), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
  });
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
  ])('%s', (_name, error, code, disposition, message) => {
    const translated = translateStsError(error, context);
    expect(translated).toMatchObject({ code, disposition });
    expect(translated.message).toMatch(message);
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
