import { describe, expect, it } from 'vitest';

import { bucketNameProblem } from '../../../../../app/config/providers/bucket-name-rules.js';
import { forcePathStyleFor } from '../../../../../app/config/providers/profile-checks.js';
import {
  isOssProvider,
  keyRulesFor,
  presetFor,
  PROVIDER_NAMES,
  signingRegions,
} from '../../../../../app/config/providers/provider-presets.js';
import { parseConfig } from '../../../../../app/config/parse-config.js';

function errorOf(document: unknown): string {
  try {
    parseConfig(document, 'ferry.yaml');
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('expected the config to be rejected');
}

const s3Credentials = {
  source: 'assume-role',
  accessKeyId: 'AK',
  roleArn: 'arn:aws:iam:::role/uploader',
};
const ossCredentials = {
  source: 'aliyun-sts',
  accessKeyId: 'LTAI5t',
  roleArn: 'acs:ram::1234567890123456:role/uploader',
};

function configFor(provider: string, extra: Record<string, unknown> = {}, bucket = 'my-bucket') {
  const oss = provider === 'oss' || provider === 'aliyun-oss';
  return {
    profiles: [
      {
        id: 'p',
        provider,
        ...(oss ? { region: 'oss-cn-hangzhou' } : { endpoint: 'https://store.example.com' }),
        ...extra,
        credentials: { ...(oss ? ossCredentials : s3Credentials), ...(extra['credentials'] ?? {}) },
      },
    ],
    folders: [{ id: 'f', path: '/tmp/f', profile: 'p', bucket, prefix: 'x/' }],
  };
}

describe('provider presets', () => {
  it('every provider name has a preset; oss is aliyun-oss', () => {
    for (const name of PROVIDER_NAMES) expect(presetFor(name)).toBeDefined();
    expect(presetFor('oss')).toBe(presetFor('aliyun-oss'));
    expect(isOssProvider('oss')).toBe(true);
    expect(isOssProvider('ctyun')).toBe(false);
  });

  it.each([
    ['s3', 1024, []],
    ['aws', 1024, []],
    ['ceph', 1024, []],
    ['minio', 1024, []],
    ['ctyun', 1023, []],
    ['aliyun-oss', 1023, ['/', '\\']],
    ['oss', 1023, ['/', '\\']],
  ] as const)('%s keys: at most %d bytes, not starting with %j', (provider, max, first) => {
    const rules = keyRulesFor(provider);
    expect(rules.maxBytes).toBe(max);
    expect(rules.minBytes).toBe(1);
    expect(rules.forbiddenFirstChars).toEqual(first);
  });

  it.each([
    // provider, region, stsRegion → data, sts
    ['s3', undefined, undefined, 'us-east-1', 'us-east-1'],
    ['s3', 'ctyun', undefined, 'ctyun', 'ctyun'], // configs written before presets keep working
    ['aws', 'eu-west-1', undefined, 'eu-west-1', 'eu-west-1'],
    ['ctyun', undefined, undefined, 'us-east-1', 'ctyun'],
    ['ctyun', 'cn-east', undefined, 'cn-east', 'ctyun'],
    ['ctyun', undefined, 'other', 'us-east-1', 'other'],
    ['ceph', undefined, 'x', 'us-east-1', 'x'],
  ] as const)(
    '%s region=%s stsRegion=%s signs data %s, STS %s',
    (provider, region, stsRegion, data, sts) => {
      expect(signingRegions({ provider, region, stsRegion })).toEqual({ data, sts });
    },
  );

  it.each([
    ['s3', undefined, false],
    ['aws', undefined, false],
    ['ceph', undefined, true],
    ['minio', undefined, true],
    ['ctyun', undefined, false],
    ['ceph', false, false],
    ['s3', true, true],
  ] as const)('%s with forcePathStyle %s → %s', (provider, forcePathStyle, expected) => {
    expect(forcePathStyleFor({ provider, forcePathStyle })).toBe(expected);
  });
});

describe('bucket names by provider', () => {
  it.each([
    ['oss', 'my-bucket', undefined],
    ['oss', 'my.bucket', /contains "\." \(OSS bucket names cannot contain dots\)/],
    ['oss', 'ab', /has 2 characters/],
    ['oss', 'x'.repeat(64), /has 64 characters/],
    ['oss', '-bucket', /start and end with a letter or digit/],
    ['oss', 'bucket-', /start and end/],
    ['oss', 'My-bucket', /contains "M" \(use lower case\)/],
    ['oss', 'my_bucket', /contains "_"/],
    ['s3', 'my.bucket', undefined],
    ['s3', 'my..bucket', /contains "\.\."/],
    ['s3', '192.168.5.4', /formatted as an IP address/],
    ['s3', 'xn--bucket', undefined],
    ['aws', 'xn--bucket', /starts with "xn--", which AWS reserves/],
    ['aws', 'sthree-x', /reserves/],
    ['aws', 'b-s3alias', /ends with "-s3alias"/],
    ['aws', 'b--ol-s3', /ends with "--ol-s3"/],
    ['aws', 'b.mrap', /ends with "\.mrap"/],
    ['aws', 'a.b-c', undefined],
  ] as const)('%s: %j → %s', (rules, name, expected) => {
    const problem = bucketNameProblem(name, rules);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('the config names the field and the provider rule', () => {
    expect(errorOf(configFor('aliyun-oss', {}, 'my.bucket'))).toMatch(
      /folders\[0\]\.bucket: must be 3–63 lower-case letters, digits or "-".*\(Alibaba Cloud OSS rule\); "my\.bucket" contains "\."/,
    );
    expect(errorOf(configFor('aws', {}, 'xn--abc'))).toMatch(
      /folders\[0\]\.bucket: .*\(Amazon S3 rule\); "xn--abc" starts with "xn--"/,
    );
    // The same dotted name is fine on S3.
    expect(() => parseConfig(configFor('s3', {}, 'my.bucket'), 'f')).not.toThrow();
  });
});

describe('profile rules by provider', () => {
  it('RoleSessionName: Alibaba refuses + = , which AWS-style STS accepts', () => {
    const named = (provider: string) =>
      configFor(provider, { credentials: { roleSessionName: 'alice+laptop' } });
    expect(errorOf(named('aliyun-oss'))).toMatch(
      /profiles\[0\]\.credentials\.roleSessionName: RoleSessionName "alice\+laptop" contains "\+"; only letters, digits and \. @ _ - are allowed/,
    );
    expect(() => parseConfig(named('ctyun'), 'f')).not.toThrow();
    expect(() => parseConfig(named('aws'), 'f')).not.toThrow();
  });

  it('DurationSeconds: a maximum above what the provider allows for any role', () => {
    expect(
      errorOf(configFor('aliyun-oss', { credentials: { maxDurationSeconds: 50_000 } })),
    ).toMatch(
      /credentials\.maxDurationSeconds: 50000 is above 43200, the most Alibaba Cloud OSS STS allows/,
    );
    expect(errorOf(configFor('ctyun', { credentials: { durationSeconds: 600 } }))).toMatch(
      /credentials\.durationSeconds: 600 is outside 900–43200/,
    );
    // Generic S3 (a lab store) may set its own limits.
    expect(() =>
      parseConfig(
        configFor('s3', {
          credentials: { durationSeconds: 60, minDurationSeconds: 1, maxDurationSeconds: 100_000 },
        }),
        'f',
      ),
    ).not.toThrow();
  });

  it('policy: the provider language version', () => {
    const policy =
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    expect(errorOf(configFor('ctyun', { credentials: { policy } }))).toMatch(
      /credentials\.policy: .*Version must be exactly "2012-10-17"/,
    );
    expect(() =>
      parseConfig(configFor('aliyun-oss', { credentials: { policy } }), 'f'),
    ).not.toThrow();
  });

  it.each(['ceph', 'minio', 'ctyun'])('%s needs an endpoint', (provider) => {
    const config = configFor(provider);
    delete (config.profiles[0] as { endpoint?: string }).endpoint;
    expect(errorOf(config)).toMatch(
      new RegExp(`profiles\\[0\\]\\.endpoint: required for provider ${provider}`),
    );
  });

  it('aws and generic s3 need none', () => {
    for (const provider of ['aws', 's3']) {
      const config = configFor(provider);
      delete (config.profiles[0] as { endpoint?: string }).endpoint;
      expect(() => parseConfig(config, 'f')).not.toThrow();
    }
  });

  it('credential sources follow the API: aliyun-sts only for OSS', () => {
    expect(errorOf(configFor('ctyun', { credentials: { ...ossCredentials } }))).toMatch(
      /credentials\.source: aliyun-sts tokens only work with OSS/,
    );
    expect(errorOf(configFor('aliyun-oss', { credentials: { ...s3Credentials } }))).toMatch(
      /credentials\.source: OSS needs Alibaba STS tokens/,
    );
  });

  it('refuses an unknown provider, listing the known ones', () => {
    expect(errorOf(configFor('wasabi'))).toMatch(
      /profiles\[0\]\.provider: provider must be one of: s3, aws, ceph, minio, ctyun, aliyun-oss, oss/,
    );
  });
});
