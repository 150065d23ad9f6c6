import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../../app/config/parse-config.js';
import { validateRoleSessionName } from '../../../../app/credentials/sts-limits.js';
import {
  defaultRoleSessionName,
  profileSessionPolicy,
} from '../../../../main/compose/profile-sources.js';

const assumeRole = {
  id: 'ceph',
  credentials: { source: 'assume-role', accessKeyId: 'AK', roleArn: 'arn:aws:iam:::role/R' },
};
const vendor = { id: 'corp', credentials: { source: 'vendor', url: 'https://t.example.com' } };
const folder = { id: 'f', path: '/data', profile: 'ceph', bucket: 'sync-bucket', prefix: 'a/' };

describe('profileSessionPolicy', () => {
  it('generates the narrowest policy from the profile’s folders', () => {
    const config = parseConfig({ profiles: [assumeRole], folders: [folder] }, 'f');
    const policy = JSON.parse(profileSessionPolicy(config, config.profiles[0]!) ?? '{}') as {
      Statement: { Resource: string[] }[];
    };
    expect(policy.Statement.map((s) => s.Resource)).toEqual([
      ['arn:aws:s3:::sync-bucket/a/*'],
      ['arn:aws:s3:::sync-bucket'], // ListBucketMultipartUploads: finding orphaned uploads
    ]);
  });

  it('sends a configured policy minified', () => {
    const custom =
      '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } }';
    const config = parseConfig(
      { profiles: [{ ...assumeRole, credentials: { ...assumeRole.credentials, policy: custom } }] },
      'f',
    );
    expect(profileSessionPolicy(config, config.profiles[0]!)).toBe(
      JSON.stringify(JSON.parse(custom)),
    );
  });

  it('refuses an automatic policy for an assume-role profile without folders', () => {
    const config = parseConfig({ profiles: [assumeRole] }, 'f');
    expect(() => profileSessionPolicy(config, config.profiles[0]!)).toThrow(
      /No folder uses this profile/,
    );
  });

  it('leaves the policy to the backend for a vendor profile without folders', () => {
    const config = parseConfig({ profiles: [vendor] }, 'f');
    expect(profileSessionPolicy(config, config.profiles[0]!)).toBeUndefined();
  });
});

describe('defaultRoleSessionName', () => {
  it('is a valid RoleSessionName that names Ferry', () => {
    const name = defaultRoleSessionName();
    expect(name).toMatch(/^ferry-/);
    expect(validateRoleSessionName(name)).toBe(name);
  });
});
