import { describe, expect, it } from 'vitest';

import type { ConfigIssue } from '../../../../app/config/config-issue.js';
import { ConfigInvalidError, parseConfig } from '../../../../app/config/parse-config.js';

function issuesOf(document: unknown): readonly ConfigIssue[] {
  try {
    parseConfig(document, 'ferry.yaml');
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.issues;
    throw error;
  }
  throw new Error('the document was valid');
}

const profile = {
  id: 'ceph',
  endpoint: 'https://rgw.example',
  credentials: { source: 'assume-role', roleArn: 'arn:aws:iam:::role/R', accessKeyId: 'AK' },
};

// Issue 13: each problem carries a code and params for the UI, not only an English line.
describe('config issues by code', () => {
  it('maps zod issues and custom ones to codes with their params', () => {
    const issues = issuesOf({
      profiles: [
        { ...profile, extra: 1, credentials: { ...profile.credentials, roleArn: 'nope' } },
        { ...profile, endpoint: 'http://10.0.0.9' },
      ],
      folders: [
        { id: 'docs', path: '/d', profile: 'ceph', bucket: 'b', prefix: '/' },
        { id: 'docs', path: '/e', profile: 'ceph', bucket: 'b', prefix: 'x', mode: 'sideways' },
        { id: 'bad id!', path: '/f', profile: 'ceph', bucket: 'b' },
      ],
      transfers: { partSize: 'lots', concurrency: 0 },
    });
    const at = (path: string) => issues.filter((issue) => issue.path === path);
    expect(at('profiles[0]')[0]).toMatchObject({ code: 'unknown-keys', params: { keys: 'extra' } });
    expect(at('profiles[0].credentials.roleArn')[0]?.code).toBe('bad-role-arn');
    expect(at('profiles[1].endpoint')[0]?.code).toBe('insecure-http');
    expect(at('folders[0].prefix')[0]).toMatchObject({
      code: 'prefix-whole-bucket',
      params: { value: '/' },
    });
    expect(at('folders[1].mode')[0]).toMatchObject({
      code: 'not-one-of',
      params: { values: 'upload, mirror' },
    });
    expect(at('folders[2].id')[0]?.code).toBe('bad-id');
    expect(at('folders[2].prefix')[0]?.code).toBe('prefix-required');
    expect(at('transfers.partSize')[0]).toMatchObject({
      code: 'not-a-size',
      params: { value: 'lots' },
    });
    expect(at('transfers.concurrency')[0]).toMatchObject({
      code: 'too-small',
      params: { minimum: 1 },
    });
    // No issue is left without a code of its own here.
    expect(issues.filter((issue) => issue.code === 'other')).toEqual([]);
  });

  it('the document-wide checks carry their codes too', () => {
    const folder = { path: '/d', bucket: 'b', prefix: 'x' };
    const issues = issuesOf({
      profiles: [profile, { ...profile }],
      folders: [
        { ...folder, id: 'docs', profile: 'nope' },
        { ...folder, id: 'docs', profile: 'ceph' },
      ],
    });
    const at = (path: string) => issues.find((issue) => issue.path === path);
    expect(at('profiles[1].id')).toMatchObject({
      code: 'duplicate-profile',
      params: { id: 'ceph' },
    });
    expect(at('folders[0].profile')).toMatchObject({
      code: 'unknown-profile',
      params: { profile: 'nope', profiles: 'ceph' },
    });
    expect(at('folders[1].id')).toMatchObject({ code: 'duplicate-folder', params: { id: 'docs' } });
  });

  it('tells a missing key (required) from a wrong type', () => {
    const issues = issuesOf({
      profiles: [{ ...profile, credentials: { source: 'assume-role', accessKeyId: 5 } }],
    });
    const at = (path: string) => issues.find((issue) => issue.path === path);
    expect(at('profiles[0].credentials.roleArn')?.code).toBe('required');
    expect(at('profiles[0].credentials.accessKeyId')).toMatchObject({
      code: 'wrong-type',
      params: { expected: 'string' },
    });
  });

  it('keeps the English lines the CLI prints, one per issue', () => {
    try {
      parseConfig({ profiles: [{ ...profile, extra: 1 }], folders: [] }, 'ferry.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        'ferry.yaml is not a valid Ferry configuration:\n  - profiles[0]: unknown key "extra"',
      );
      expect((error as ConfigInvalidError).code).toBe('config-invalid');
    }
  });
});
