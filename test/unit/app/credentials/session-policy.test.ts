import { describe, expect, it } from 'vitest';

import {
  buildSessionPolicy,
  OSS_RAM_POLICY,
  sessionPolicyText,
  type FolderGrant,
} from '../../../../app/credentials/session-policy.js';
import { validateSessionPolicy } from '../../../../app/credentials/sts-limits.js';

const upload = [
  's3:AbortMultipartUpload',
  's3:GetObject',
  's3:ListMultipartUploadParts',
  's3:PutObject',
];
const mirror = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:GetObject',
  's3:ListMultipartUploadParts',
  's3:PutObject',
];
/** Finding abandoned uploads (orphans) needs the bucket's upload listing (no prefix condition). */
const uploads = (...buckets: string[]) => ({
  Effect: 'Allow',
  Action: ['s3:ListBucketMultipartUploads'],
  Resource: buckets.map((b) => `arn:aws:s3:::${b}`),
});
const grant = (over: Partial<FolderGrant>): FolderGrant => ({
  bucket: 'sync-bucket',
  prefix: 'alice/docs/',
  mode: 'upload',
  list: false,
  ...over,
});

describe('buildSessionPolicy', () => {
  it.each<[string, FolderGrant[], unknown[]]>([
    [
      'upload-only folder: no delete, no listing',
      [grant({})],
      [
        { Effect: 'Allow', Action: upload, Resource: ['arn:aws:s3:::sync-bucket/alice/docs/*'] },
        uploads('sync-bucket'),
      ],
    ],
    [
      'mirror folder adds DeleteObject',
      [grant({ mode: 'mirror' })],
      [
        { Effect: 'Allow', Action: mirror, Resource: ['arn:aws:s3:::sync-bucket/alice/docs/*'] },
        uploads('sync-bucket'),
      ],
    ],
    [
      'listing adds ListBucket on the bucket, limited to the prefix',
      [grant({ list: true })],
      [
        { Effect: 'Allow', Action: upload, Resource: ['arn:aws:s3:::sync-bucket/alice/docs/*'] },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['arn:aws:s3:::sync-bucket'],
          Condition: { StringLike: { 's3:prefix': ['alice/docs/', 'alice/docs/*'] } },
        },
        uploads('sync-bucket'),
      ],
    ],
    [
      'whole bucket: object wildcard, unconditioned listing',
      [grant({ prefix: '', list: true })],
      [
        { Effect: 'Allow', Action: upload, Resource: ['arn:aws:s3:::sync-bucket/*'] },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::sync-bucket'] },
        uploads('sync-bucket'),
      ],
    ],
    [
      'folders of both modes, two buckets; a prefix in both modes only in the mirror statement',
      [
        grant({}),
        grant({ prefix: 'alice/photos/', mode: 'mirror' }),
        grant({ prefix: 'alice/photos/' }),
        grant({ bucket: 'other', prefix: 'x/' }),
      ],
      [
        {
          Effect: 'Allow',
          Action: upload,
          Resource: ['arn:aws:s3:::other/x/*', 'arn:aws:s3:::sync-bucket/alice/docs/*'],
        },
        { Effect: 'Allow', Action: mirror, Resource: ['arn:aws:s3:::sync-bucket/alice/photos/*'] },
        uploads('other', 'sync-bucket'),
      ],
    ],
  ])('%s', (_name, grants, statements) => {
    expect(buildSessionPolicy(grants)).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  it.each([
    ['alice/*/', /wildcard/],
    ['alice?/', /wildcard/],
    ['${aws:username}/', /wildcard/],
    ['alice', /must end with "\/"/],
  ])('refuses prefix %j', (prefix, message) => {
    expect(() => buildSessionPolicy([grant({ prefix })])).toThrow(message);
  });

  it('refuses to build a policy for no folders (it would grant nothing useful)', () => {
    expect(() => buildSessionPolicy([])).toThrow(/No folder uses this profile/);
  });
});

describe('sessionPolicyText', () => {
  it('is minified and valid for STS', () => {
    const text = sessionPolicyText([grant({})]);
    expect(text).not.toMatch(/\s/);
    expect(JSON.parse(text)).toEqual(buildSessionPolicy([grant({})]));
  });

  it('says so when many folders exceed the 2048-character limit', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      grant({ prefix: `department-${i}/long-project-name/` }),
    );
    expect(() => sessionPolicyText(many)).toThrow(/STS accepts at most 2048/);
  });
});

describe('the OSS RAM dialect', () => {
  it('grants acs:oss resources with Version "1", upload-only', () => {
    expect(buildSessionPolicy([grant({})], OSS_RAM_POLICY)).toEqual({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:AbortMultipartUpload', 'oss:GetObject', 'oss:ListParts', 'oss:PutObject'],
          Resource: ['acs:oss:*:*:sync-bucket/alice/docs/*'],
        },
        {
          Effect: 'Allow',
          Action: ['oss:ListMultipartUploads'],
          Resource: ['acs:oss:*:*:sync-bucket'],
        },
      ],
    });
  });

  it('adds DeleteObject for mirror and a prefix-limited ListObjects for listing', () => {
    const policy = buildSessionPolicy([grant({ mode: 'mirror', list: true })], OSS_RAM_POLICY);
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'oss:AbortMultipartUpload',
          'oss:DeleteObject',
          'oss:GetObject',
          'oss:ListParts',
          'oss:PutObject',
        ],
        Resource: ['acs:oss:*:*:sync-bucket/alice/docs/*'],
      },
      {
        Effect: 'Allow',
        Action: ['oss:ListObjects'],
        Resource: ['acs:oss:*:*:sync-bucket'],
        Condition: { StringLike: { 'oss:Prefix': ['alice/docs/', 'alice/docs/*'] } },
      },
      {
        Effect: 'Allow',
        Action: ['oss:ListMultipartUploads'],
        Resource: ['acs:oss:*:*:sync-bucket'],
      },
    ]);
  });

  it('validates against Version "1"', () => {
    expect(JSON.parse(sessionPolicyText([grant({})], OSS_RAM_POLICY))).toMatchObject({
      Version: '1',
    });
    expect(() =>
      validateSessionPolicy(
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}',
        '1',
      ),
    ).toThrow(/must be exactly "1"/);
  });
});
