import { describe, expect, it } from 'vitest';

import {
  ALIBABA_SESSION_NAME,
  AWS_SESSION_NAME,
  toRoleSessionName,
  validateDurationSeconds,
  validateRoleSessionName,
  validateSessionPolicy,
} from '../../../../app/credentials/sts-limits.js';

const statement = '{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::b/p/*"]}';
/** A valid policy padded (inside a Resource) to exactly `length` characters. */
function policyOfLength(length: number): string {
  const base = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::b/"]}]}`;
  const padding = 'x'.repeat(length - base.length);
  return base.replace('arn:aws:s3:::b/', `arn:aws:s3:::b/${padding}`);
}

describe('validateRoleSessionName', () => {
  it.each([
    ['ab', true],
    ['a', false],
    ['', false],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['alice-laptop', true],
    ['alice_laptop+1=2,3.4@5-6', true],
    ['alice laptop', false],
    ['alice/laptop', false],
    ['爱丽丝', false],
  ])('%j → valid: %s', (name, valid) => {
    if (valid) expect(validateRoleSessionName(name)).toBe(name);
    else expect(() => validateRoleSessionName(name)).toThrow(/RoleSessionName/);
  });

  it('names the offending character', () => {
    expect(() => validateRoleSessionName('alice laptop')).toThrow('contains " "');
  });
});

describe('toRoleSessionName', () => {
  it.each([
    ['ferry-alice-laptop.local', 'ferry-alice-laptop.local'],
    ['ferry-爱丽丝-机器', 'ferry'],
    ['a', 'ferry-a'],
    ['', 'ferry'],
    ['x'.repeat(100), 'x'.repeat(64)],
    ['bob the builder', 'bob-the-builder'],
  ])('%j → %j', (input, expected) => {
    expect(toRoleSessionName(input)).toBe(expected);
    expect(() => validateRoleSessionName(toRoleSessionName(input))).not.toThrow();
  });
});

describe('validateDurationSeconds', () => {
  it.each([
    [899, false],
    [900, true],
    [3600, true],
    [43_200, true],
    [43_201, false],
    [900.5, false],
  ])('%d with the default 900–43200 → valid: %s', (seconds, valid) => {
    if (valid) expect(validateDurationSeconds(seconds)).toBe(seconds);
    else expect(() => validateDurationSeconds(seconds)).toThrow(/DurationSeconds/);
  });

  it.each([
    [1, true],
    [3600, true],
    [3601, false],
    [0, false],
  ])('%d with a provider cap of 1–3600 → valid: %s', (seconds, valid) => {
    const limits = { minSeconds: 1, maxSeconds: 3600 };
    if (valid) expect(validateDurationSeconds(seconds, limits)).toBe(seconds);
    else expect(() => validateDurationSeconds(seconds, limits)).toThrow('outside 1–3600');
  });
});

describe('validateSessionPolicy', () => {
  it('accepts exactly 2048 characters and refuses 2049', () => {
    expect(validateSessionPolicy(policyOfLength(2048))).toHaveLength(2048);
    expect(() => validateSessionPolicy(policyOfLength(2049))).toThrow(
      '2049 characters; STS accepts at most 2048',
    );
  });

  it('measures the minified text, as it is sent', () => {
    const spaced = JSON.stringify(JSON.parse(policyOfLength(2048)), null, 4);
    expect(spaced.length).toBeGreaterThan(2048);
    expect(validateSessionPolicy(spaced)).toHaveLength(2048);
  });

  it.each([
    ['', /not valid JSON/],
    ['{', /not valid JSON/],
    ['[]', /must be a JSON object/],
    ['"x"', /must be a JSON object/],
    [
      `{"Version":"2012-10-18","Statement":[${statement}]}`,
      /Version must be exactly "2012-10-17", not "2012-10-18"/,
    ],
    [`{"Version":"1","Statement":[${statement}]}`, /not "1"/],
    [`{"Statement":[${statement}]}`, /not undefined/],
    ['{"Version":"2012-10-17"}', /no Statement/],
    ['{"Version":"2012-10-17","Statement":[]}', /no Statement/],
    [
      '{"Version":"2012-10-17","Statement":[1]}',
      /Statement\[0\] of the session policy is not an object/,
    ],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}',
      /Effect must be "Allow" or "Deny"/,
    ],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}',
      /Statement\[0\]\.Action/,
    ],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}',
      /Statement\[0\]\.Action/,
    ],
    [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":[1]}]}',
      /Statement\[0\]\.Resource/,
    ],
  ])('refuses %j', (text, message) => {
    expect(() => validateSessionPolicy(text)).toThrow(message);
  });

  it("accepts the seed's single-object Statement form", () => {
    const seed = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}`;
    expect(validateSessionPolicy(seed)).toBe(seed);
  });
});

describe('RoleSessionName rules per STS', () => {
  it.each([
    ['alice.laptop@home_1-2', true],
    ['alice+laptop', false],
    ['a=b', false],
    ['a,b', false],
    ['a', false],
  ])('Alibaba: %j → valid: %s', (name, valid) => {
    if (valid) expect(validateRoleSessionName(name, ALIBABA_SESSION_NAME)).toBe(name);
    else {
      expect(() => validateRoleSessionName(name, ALIBABA_SESSION_NAME)).toThrow(/RoleSessionName/);
    }
  });

  it('the default name fits Alibaba too', () => {
    const name = toRoleSessionName('ferry-al+ice=x,y-host', ALIBABA_SESSION_NAME);
    expect(name).toBe('ferry-al-ice-x-y-host');
    expect(validateRoleSessionName(name, ALIBABA_SESSION_NAME)).toBe(name);
  });

  it('AWS-style keeps + = ,', () => {
    expect(toRoleSessionName('a+b=c,d', AWS_SESSION_NAME)).toBe('a+b=c,d');
  });
});
