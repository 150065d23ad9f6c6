import { describe, expect, it } from 'vitest';

import {
  buildSessionPolicy,
  sessionPolicyText,
  type FolderGrant,
} from '../../../../app/credentials/session-policy.js';

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
      [{ Effect: 'Allow', Action: upload, Resource: ['arn:aws:s3:::sync-bucket/alice/docs/*'] }],
    ],
    [
      'mirror folder adds DeleteObject',
      [grant({ mode: 'mirror' })],
      [{ Effect: 'Allow', Action: mirror, Resource: ['arn:aws:s3:::sync-bucket/alice/docs/*'] }],
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
      ],
    ],
    [
      'whole bucket: object wildcard, unconditioned listing',
      [grant({ prefix: '', list: true })],
      [
        { Effect: 'Allow', Action: upload, Resource: ['arn:aws:s3:::sync-bucket/*'] },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::sync-bucket'] },
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
