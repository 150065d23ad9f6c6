import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../../app/config/parse-config.js';

const profile = {
  id: 'ceph',
  endpoint: 'http://127.0.0.1:7480',
  forcePathStyle: true,
  credentials: {
    source: 'assume-role',
    accessKeyId: 'AKID',
    roleArn: 'arn:aws:iam:::role/SyncRole',
    durationSeconds: 900,
  },
};
const folder = {
  id: 'docs',
  path: '~/Documents',
  profile: 'ceph',
  bucket: 'sync-bucket',
  prefix: 'alice/docs',
};
const valid = { profiles: [profile], folders: [folder] };

function errorOf(document: unknown): string {
  try {
    parseConfig(document, 'ferry.yaml');
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills defaults', () => {
    const config = parseConfig(valid, 'ferry.yaml');
    expect(config.profiles[0]).toMatchObject({
      provider: 's3',
      allowHttp: false,
    });
    expect(config.profiles[0]?.credentials).toMatchObject({
      policy: 'auto',
      minDurationSeconds: 900,
      maxDurationSeconds: 43_200,
    });
    expect(config.folders[0]).toMatchObject({
      prefix: 'alice/docs/',
      mode: 'upload',
      ignore: [],
      remoteListing: false,
      deleteDelaySeconds: 60,
    });
    expect(config.transfers).toEqual({
      concurrency: 8,
      partConcurrency: 4,
      partSize: 8 * 1024 * 1024,
      bandwidthLimit: 0,
    });
  });

  it('reads sizes with units', () => {
    const config = parseConfig(
      { ...valid, transfers: { partSize: '16MiB', bandwidthLimit: '2 MB' } },
      'f',
    );
    expect(config.transfers).toMatchObject({
      partSize: 16 * 1024 * 1024,
      bandwidthLimit: 2_000_000,
    });
  });

  it('accepts the CTyun flow: region ctyun, its own STS endpoint', () => {
    const ctyun = {
      id: 'ctyun',
      endpoint: 'https://oos-cn.ctyunapi.cn',
      region: 'ctyun',
      credentials: {
        source: 'assume-role',
        accessKeyId: 'AK',
        roleArn: 'arn:aws:iam:::role/uploader',
        stsEndpoint: 'https://oos-cn-iam.ctyunapi.cn',
      },
    };
    expect(() => parseConfig({ profiles: [ctyun] }, 'f')).not.toThrow();
  });

  it('accepts the Alibaba flow: provider oss with aliyun-sts, 900–3600 s by default', () => {
    const oss = {
      id: 'oss',
      provider: 'oss',
      region: 'oss-cn-hangzhou',
      credentials: {
        source: 'aliyun-sts',
        accessKeyId: 'LTAI5t',
        roleArn: 'acs:ram::1234567890123456:role/uploader',
      },
    };
    const config = parseConfig({ profiles: [oss] }, 'f');
    expect(config.profiles[0]?.credentials).toMatchObject({
      durationSeconds: 3600,
      minDurationSeconds: 900,
      maxDurationSeconds: 3600,
      policy: 'auto',
    });
    expect(
      errorOf({
        profiles: [{ ...oss, credentials: { ...oss.credentials, durationSeconds: 7200 } }],
      }),
    ).toMatch(/durationSeconds: 7200 is outside 900–3600/);
    expect(
      errorOf({
        profiles: [
          {
            ...oss,
            credentials: { ...oss.credentials, policy: '{"Version":"2012-10-17","Statement":[]}' },
          },
        ],
      }),
    ).toMatch(/credentials\.policy: .*must be exactly "1"/);
  });

  it.each([
    [
      'oss with assume-role',
      {
        provider: 'oss',
        credentials: { source: 'assume-role', accessKeyId: 'A', roleArn: 'arn:aws:iam:::role/R' },
      },
      /OSS needs Alibaba STS tokens/,
    ],
    [
      's3 with aliyun-sts',
      {
        provider: 's3',
        credentials: { source: 'aliyun-sts', accessKeyId: 'A', roleArn: 'acs:ram::1:role/r' },
      },
      /aliyun-sts tokens only work with OSS/,
    ],
  ])('refuses %s', (_name, profileFields, message) => {
    expect(errorOf({ profiles: [{ id: 'p', ...profileFields }] })).toMatch(message);
  });

  it('accepts a vendor profile', () => {
    const vendor = {
      id: 'corp',
      credentials: { source: 'vendor', url: 'https://tokens.example.com/sts' },
    };
    expect(parseConfig({ profiles: [vendor] }, 'f').profiles[0]?.credentials).toMatchObject({
      timeoutSeconds: 15,
    });
  });

  it.each<[string, unknown, string | RegExp]>([
    ['no profiles', { profiles: [] }, 'profiles: add at least one profile'],
    [
      'a missing key',
      { profiles: [{ ...profile, credentials: { ...profile.credentials, roleArn: undefined } }] },
      'profiles[0].credentials.roleArn: required',
    ],
    ['an unknown key', { ...valid, extra: 1 }, '(top level): unknown key "extra"'],
    [
      'a misspelt nested key',
      { profiles: [{ ...profile, forcePathstyle: true }] },
      'profiles[0]: unknown key "forcePathstyle"',
    ],
    [
      'a wrong type',
      { profiles: [{ ...profile, forcePathStyle: 'yes' }] },
      /profiles\[0\]\.forcePathStyle: .*boolean/,
    ],
    [
      'an unknown credential source',
      { profiles: [{ ...profile, credentials: { source: 'magic' } }] },
      'profiles[0].credentials.source: source must be one of: assume-role, aliyun-sts, vendor',
    ],
    [
      'a bad role ARN',
      { profiles: [{ ...profile, credentials: { ...profile.credentials, roleArn: 'SyncRole' } }] },
      /credentials\.roleArn: must look like arn:aws:iam/,
    ],
    [
      'a duration under 900',
      { profiles: [{ ...profile, credentials: { ...profile.credentials, durationSeconds: 60 } }] },
      /durationSeconds: 60 is outside 900–43200/,
    ],
    [
      'a session name with a space',
      {
        profiles: [
          { ...profile, credentials: { ...profile.credentials, roleSessionName: 'alice laptop' } },
        ],
      },
      /roleSessionName: RoleSessionName "alice laptop" contains " "/,
    ],
    [
      'a custom policy with the wrong version',
      {
        profiles: [
          {
            ...profile,
            credentials: { ...profile.credentials, policy: '{"Version":"1","Statement":[]}' },
          },
        ],
      },
      /credentials\.policy: .*Version must be exactly "2012-10-17"/,
    ],
    [
      'plain http to a remote host',
      { profiles: [{ ...profile, endpoint: 'http://storage.example.com' }] },
      /profiles\[0\]\.endpoint: plain http:\/\/ to another machine/,
    ],
    [
      'plain http vendor URL',
      {
        profiles: [
          { id: 'v', credentials: { source: 'vendor', url: 'http://tokens.example.com' } },
        ],
      },
      /credentials\.url: plain http/,
    ],
    [
      'a folder naming no profile',
      { ...valid, folders: [{ ...folder, profile: 'nope' }] },
      'folders[0].profile: no profile with id "nope" (profiles: ceph)',
    ],
    [
      'duplicate profile ids',
      { profiles: [profile, profile] },
      'profiles[1].id: duplicate profile id "ceph"',
    ],
    [
      'a bad bucket name',
      { ...valid, folders: [{ ...folder, bucket: 'My_Bucket' }] },
      /folders\[0\]\.bucket: must be 3–63/,
    ],
    [
      'a part size under 5 MiB',
      { ...valid, transfers: { partSize: '1MiB' } },
      /transfers\.partSize: must be between/,
    ],
    ['an unreadable size', { ...valid, transfers: { partSize: 'big' } }, /"big" is not a size/],
  ])('rejects %s, naming the path', (_name, document, message) => {
    expect(errorOf(document)).toMatch(
      typeof message === 'string'
        ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        : message,
    );
  });

  it('lists every problem at once', () => {
    const message = errorOf({ profiles: [{ id: '' }], folders: 3 });
    expect(message).toMatch(/profiles\[0\]\.id/);
    expect(message).toMatch(/profiles\[0\]\.credentials: required/);
    expect(message).toMatch(/folders: /);
  });

  it('allows plain http to a remote host when the profile opts in', () => {
    expect(() =>
      parseConfig(
        { profiles: [{ ...profile, endpoint: 'http://minio.lan:9000', allowHttp: true }] },
        'f',
      ),
    ).not.toThrow();
  });

  it('lets a profile lower the duration minimum for a lab RGW', () => {
    const lab = {
      ...profile,
      credentials: {
        ...profile.credentials,
        durationSeconds: 10,
        minDurationSeconds: 1,
        maxDurationSeconds: 3600,
      },
    };
    expect(() => parseConfig({ profiles: [lab] }, 'f')).not.toThrow();
  });
});

describe('parseConfig: the folder prefix (issue 11)', () => {
  const withPrefix = (prefix: unknown) => ({
    profiles: [profile],
    folders: [prefix === undefined ? { ...folder, prefix: undefined } : { ...folder, prefix }],
  });

  it.each(['/', '//', '///'])(
    'refuses a prefix of only slashes (%j): it is not the whole bucket',
    (prefix) => {
      expect(errorOf(withPrefix(prefix))).toMatch(
        /folders\[0\]\.prefix: .*whole bucket; write prefix: "" if you mean the whole bucket/,
      );
    },
  );

  it('refuses a folder without a prefix, saying how to ask for the whole bucket', () => {
    expect(errorOf(withPrefix(undefined))).toMatch(
      /folders\[0\]\.prefix: required.*write prefix: "" to sync into the whole bucket/,
    );
  });

  it.each([
    ['', ''],
    ['docs', 'docs/'],
    ['/docs/', 'docs/'],
    ['a/b', 'a/b/'],
  ])('accepts %j as %j', (prefix, expected) => {
    expect(parseConfig(withPrefix(prefix), 'f').folders[0]?.prefix).toBe(expected);
  });
});

describe('parseConfig: FERRY_SECRET_ variable names (issue 11)', () => {
  const named = (id: string) => ({ ...profile, id });

  it.each([
    ['prod.backup', 'prod-backup'],
    ['prod-backup', 'PROD_BACKUP'],
    ['prod.backup', 'PROD_BACKUP'],
  ])('refuses %j and %j: both would read FERRY_SECRET_PROD_BACKUP', (first, second) => {
    expect(errorOf({ profiles: [named(first), named(second)] })).toMatch(
      new RegExp(
        `profiles\\[1\\]\\.id: profiles "${first}" and "${second}" would share the secret variable FERRY_SECRET_PROD_BACKUP`,
      ),
    );
  });

  it('accepts profiles whose variables differ', () => {
    expect(() =>
      parseConfig({ profiles: [named('prod'), named('prod-backup')] }, 'f'),
    ).not.toThrow();
  });
});
