import { describe, expect, it } from 'vitest';

import { ossAddressing } from '../../../../../main/adapters/oss/oss-addressing.js';

const base = { customDomain: false, signatureVersion: 'v4' as const };

describe('ossAddressing: one region, normalised into the host and the V4 signing region', () => {
  it.each([
    ['cn-hangzhou', 'cn-hangzhou'],
    ['oss-cn-hangzhou', 'cn-hangzhou'],
    ['OSS-CN-Hangzhou', 'cn-hangzhou'],
    ['ap-southeast-1', 'ap-southeast-1'],
  ])('region %j → https://oss-%s.aliyuncs.com, signed for %s', (region, standard) => {
    const addressing = ossAddressing({ ...base, region, endpoint: undefined });
    expect(addressing.endpoint).toBe(`https://oss-${standard}.aliyuncs.com`);
    expect(addressing.signingRegion).toBe(standard);
    expect(addressing.clientOptions).toEqual({
      endpoint: `https://oss-${standard}.aliyuncs.com`,
      secure: true,
      cname: false,
      // ali-oss strips "oss-" to sign (getStandardRegion) and builds IP Host headers from it.
      region: `oss-${standard}`,
      authorizationV4: true,
    });
  });

  it.each([
    ['https://oss-cn-shanghai.aliyuncs.com', 'cn-shanghai'],
    ['https://oss-cn-shanghai-internal.aliyuncs.com', 'cn-shanghai'],
  ])('an OSS endpoint alone (%s) names its signing region', (endpoint, standard) => {
    expect(ossAddressing({ ...base, endpoint }).signingRegion).toBe(standard);
  });

  it.each(['https://oss-accelerate.aliyuncs.com', 'https://oss-accelerate-overseas.aliyuncs.com'])(
    'an acceleration endpoint (%s) names no region: V4 needs region set',
    (endpoint) => {
      expect(() => ossAddressing({ ...base, endpoint })).toThrow(
        expect.objectContaining({ code: 'config-invalid' }),
      );
      expect(ossAddressing({ ...base, endpoint, region: 'cn-beijing' }).signingRegion).toBe(
        'cn-beijing',
      );
    },
  );

  it('an explicit region wins for a custom domain or a test server, whose host says nothing', () => {
    const addressing = ossAddressing({
      ...base,
      region: 'cn-beijing',
      endpoint: 'https://files.example.com',
      customDomain: true,
    });
    expect(addressing.endpoint).toBe('https://files.example.com');
    expect(addressing.signingRegion).toBe('cn-beijing');
    expect(addressing.clientOptions).toMatchObject({ cname: true, region: 'oss-cn-beijing' });
  });

  it('V4 without a region it can know is a config error naming region', () => {
    expect(() => ossAddressing({ ...base, endpoint: 'https://files.example.com' })).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        disposition: 'fatal',
        message: expect.stringContaining('(region)') as unknown,
        hint: expect.stringContaining('signatureVersion') as unknown,
      }),
    );
  });

  it('V1 needs no region and does not sign V4', () => {
    const addressing = ossAddressing({
      ...base,
      signatureVersion: 'v1',
      endpoint: 'http://127.0.0.1:9000',
    });
    expect(addressing.signingRegion).toBeUndefined();
    expect(addressing.clientOptions).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      secure: false,
      cname: false,
      authorizationV4: false,
    });
  });

  it.each(['oss-cn-hangzhou.aliyuncs.com', 'cn_hangzhou', 'hangzhou', 'cn-hangzhou-internal'])(
    'region %j is refused with a hint',
    (region) => {
      expect(() => ossAddressing({ ...base, region })).toThrow(
        expect.objectContaining({
          code: 'config-invalid',
          hint: expect.stringContaining('cn-hangzhou') as unknown,
        }),
      );
    },
  );

  it('neither region nor endpoint: config error naming the profile', () => {
    expect(() => ossAddressing({ ...base, profileId: 'photos' })).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        message: expect.stringMatching(/^Profile "photos": .*\(region\)\.$/) as unknown,
      }),
    );
  });
});
