import { describe, expect, it } from 'vitest';

import { parseVendorResponse } from '../../../../app/credentials/vendor-response.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const LATER = '2026-11-22T13:00:00Z';
const aws = (over: Record<string, unknown> = {}) => ({
  Credentials: {
    AccessKeyId: 'AKID',
    SecretAccessKey: 'SECRET-VALUE',
    SessionToken: 'TOKEN-VALUE',
    Expiration: LATER,
    ...over,
  },
});
const flat = (over: Record<string, unknown> = {}) => ({
  AccessKeyId: 'STS.AKID',
  AccessKeySecret: 'SECRET-VALUE',
  SecurityToken: 'TOKEN-VALUE',
  Expiration: LATER,
  ...over,
});

describe('parseVendorResponse', () => {
  it.each([
    ['the AWS shape', aws()],
    ['the flat Alibaba shape', flat()],
    [
      'the flat Alibaba shape with extra fields (StatusCode, RequestId)',
      { StatusCode: 200, RequestId: 'r', ...flat() },
    ],
    ['Alibaba STS forwarded as is', { RequestId: 'r', Credentials: flat() }],
    ['an offset time zone', aws({ Expiration: '2026-11-22T21:00:00+08:00' })],
    ['nanosecond precision (Ceph)', aws({ Expiration: '2026-11-22T13:00:00.000202187Z' })],
  ])('accepts %s', (_name, body) => {
    const credentials = parseVendorResponse(body, NOW);
    expect(credentials.secretAccessKey).toBe('SECRET-VALUE');
    expect(credentials.sessionToken).toBe('TOKEN-VALUE');
    expect(credentials.expiration.getTime()).toBe(Date.parse(LATER));
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /got null/],
    ['an array', [aws()], /got an array/],
    ['a string', 'hello', /got string/],
    ['an unrelated object', { ok: true }, /neither a "Credentials" object nor/],
    ['Credentials not an object', { Credentials: 'x' }, /Credentials must be an object/],
    [
      'AWS names without the Credentials wrapper',
      { AccessKeyId: 'a', SecretAccessKey: 'b', SessionToken: 'c', Expiration: LATER },
      /must be inside "Credentials"/,
    ],
    [
      'missing SessionToken',
      aws({ SessionToken: undefined }),
      /Credentials\.SessionToken is missing/,
    ],
    [
      'empty SecretAccessKey',
      aws({ SecretAccessKey: '  ' }),
      /Credentials\.SecretAccessKey is empty/,
    ],
    [
      'numeric AccessKeyId',
      aws({ AccessKeyId: 42 }),
      /Credentials\.AccessKeyId must be a string, got number/,
    ],
    [
      'missing flat SecurityToken',
      flat({ SecurityToken: undefined }),
      /^.*SecurityToken is missing/,
    ],
    ['missing Expiration', flat({ Expiration: undefined }), /Expiration is missing/],
    [
      'unparseable Expiration',
      aws({ Expiration: 'tomorrow' }),
      /Expiration "tomorrow" is not an ISO 8601 time/,
    ],
    [
      'Expiration without a time zone',
      aws({ Expiration: '2026-11-22T13:00:00' }),
      /not an ISO 8601 time with a time zone/,
    ],
  ])('rejects %s, naming the field', (_name, body, message) => {
    expect(() => parseVendorResponse(body, NOW)).toThrow(message);
    try {
      parseVendorResponse(body, NOW);
    } catch (error) {
      expect(error).toMatchObject({ code: 'vendor-bad-response' });
      // Values are never echoed: they may be secrets.
      expect(String(error)).not.toContain('SECRET-VALUE');
      expect(String(error)).not.toContain('TOKEN-VALUE');
    }
  });

  it.each([
    ['in the past', '2026-11-22T11:59:00Z'],
    ['exactly now', '2026-11-22T12:00:00Z'],
  ])('rejects credentials that expired %s', (_name, expiration) => {
    expect(() => parseVendorResponse(aws({ Expiration: expiration }), NOW)).toThrow(
      expect.objectContaining({ code: 'vendor-expired-credentials' }),
    );
  });
});
