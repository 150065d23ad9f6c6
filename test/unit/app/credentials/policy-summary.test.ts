import { describe, expect, it } from 'vitest';

import {
  describeFolderPolicy,
  folderPolicy,
  summarisePolicy,
} from '../../../../app/credentials/policy-summary.js';
import {
  OSS_RAM_POLICY,
  sessionPolicyText,
  type FolderGrant,
} from '../../../../app/credentials/session-policy.js';

const photos: FolderGrant = {
  bucket: 'media',
  prefix: 'photos/2026/',
  mode: 'upload',
  list: false,
};

const say = (policy: string | undefined, kind: 'auto' | 'custom', bucket: string, prefix: string) =>
  describeFolderPolicy(folderPolicy(summarisePolicy(policy, kind), { bucket, prefix }));

describe('policy summary: the session policy Ferry sent, in plain words', () => {
  it.each([
    [
      'upload-only auto policy',
      sessionPolicyText([photos]),
      'media',
      'photos/2026/',
      'may upload and overwrite and read under photos/2026/ of bucket media, may not delete or list',
    ],
    [
      'mirror with listing',
      sessionPolicyText([{ ...photos, mode: 'mirror', list: true }]),
      'media',
      'photos/2026/',
      'may upload and overwrite, read, delete and list under photos/2026/ of bucket media',
    ],
    [
      'the OSS (RAM) dialect',
      sessionPolicyText([{ ...photos, mode: 'mirror' }], OSS_RAM_POLICY),
      'media',
      'photos/2026/',
      'may upload and overwrite, read and delete under photos/2026/ of bucket media, may not list',
    ],
    [
      'another folder of the same profile is not this one',
      sessionPolicyText([photos, { ...photos, prefix: 'docs/', mode: 'mirror' }]),
      'media',
      'photos/2026/',
      'may upload and overwrite and read under photos/2026/ of bucket media, may not delete or list',
    ],
    [
      'a folder outside every grant',
      sessionPolicyText([photos]),
      'other',
      'x/',
      'may do nothing under x/ of bucket other, may not upload and overwrite, read, delete or list',
    ],
    [
      'the whole bucket',
      sessionPolicyText([{ ...photos, prefix: '', list: true }]),
      'media',
      '',
      'may upload and overwrite, read and list anywhere in bucket media, may not delete',
    ],
  ])('%s', (_, policy, bucket, prefix, words) => {
    expect(say(policy, 'auto', bucket, prefix)).toBe(words);
  });

  it.each([
    [
      'wildcard actions on a wider prefix',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::media/photos/*' },
        ],
      },
      'may upload and overwrite under photos/2026/ of bucket media, may not read, delete or list (custom policy)',
    ],
    [
      's3:* on everything',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }],
      },
      'may upload and overwrite, read, delete and list under photos/2026/ of bucket media (custom policy)',
    ],
    [
      'a Deny is noted, not guessed',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::media/*'] },
          { Effect: 'Deny', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::media/photos/*'] },
        ],
      },
      'may upload and overwrite under photos/2026/ of bucket media, may not read, delete or list (custom policy; summarised: the policy has parts not shown here)',
    ],
    [
      'a listing limited to another prefix',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::media',
            Condition: { StringLike: { 's3:prefix': ['docs/', 'docs/*'] } },
          },
        ],
      },
      'may do nothing under photos/2026/ of bucket media, may not upload and overwrite, read, delete or list (custom policy)',
    ],
  ])('custom: %s', (_, policy, words) => {
    expect(say(JSON.stringify(policy), 'custom', 'media', 'photos/2026/')).toBe(words);
  });

  it('no policy sent (a vendor backend decides) and a policy that is not JSON', () => {
    expect(say(undefined, 'auto', 'media', 'p/')).toBe(
      'no session policy sent: the token backend decides what the token may do',
    );
    expect(
      folderPolicy(summarisePolicy(undefined, 'auto'), { bucket: 'b', prefix: '' }),
    ).toMatchObject({
      kind: 'none',
      may: [],
      mayNot: [],
    });
    expect(summarisePolicy('{not json', 'custom')).toEqual({
      kind: 'custom',
      grants: [],
      approximate: true,
    });
  });
});
