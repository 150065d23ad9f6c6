import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../../../app/config/parse-config.js';
import {
  documentFromDraft,
  draftFromDocument,
  emptyFolderDraft,
  emptyProfileDraft,
  numberOrText,
  patternLines,
} from '../../../../../renderer/src/model/config-draft.js';

const existing = {
  profiles: [
    {
      id: 'ceph',
      provider: 's3',
      endpoint: 'https://rgw.example',
      forcePathStyle: true,
      allowHttp: false,
      credentials: {
        source: 'assume-role',
        roleArn: 'arn:aws:iam:::role/ferry',
        accessKeyId: 'AKIDEXAMPLE',
        durationSeconds: 900,
      },
    },
  ],
  folders: [
    {
      id: 'docs',
      path: '/home/u/docs',
      profile: 'ceph',
      bucket: 'team-docs',
      prefix: '',
      ignore: ['*.tmp'],
      deleteDelaySeconds: 30,
    },
  ],
  transfers: { concurrency: 4, partSize: '16MiB' },
  proxy: 'http://proxy.example:3128',
};

describe('config drafts', () => {
  it('round-trips a document unchanged, keys the forms do not show included', () => {
    const document = documentFromDraft(draftFromDocument(existing));
    expect(document).toEqual({
      ...existing,
      folders: [{ ...existing.folders[0], mode: 'upload' }],
    });
    expect(() => parseConfig(document, 'ferry.yaml')).not.toThrow();
  });

  it('applies edits and drops emptied optional fields', () => {
    const draft = draftFromDocument(existing);
    const [profile] = draft.profiles;
    const [folder] = draft.folders;
    if (!profile || !folder) throw new Error('fixture');
    const document = documentFromDraft({
      ...draft,
      profiles: [{ ...profile, endpoint: ' ', region: 'ctyun ' }],
      folders: [{ ...folder, prefix: 'laptop/', mode: 'mirror' }],
      transfers: { ...draft.transfers, concurrency: '12', partSize: '' },
    });
    expect(document.profiles).toEqual([
      expect.not.objectContaining({ endpoint: expect.anything() }),
    ]);
    expect(document.profiles).toEqual([expect.objectContaining({ region: 'ctyun' })]);
    expect(document.folders).toEqual([
      expect.objectContaining({ prefix: 'laptop/', mode: 'mirror', ignore: ['*.tmp'] }),
    ]);
    expect(document.transfers).toEqual({ concurrency: 12 });
  });

  it('keeps a source’s extra options, but starts afresh when the source changes', () => {
    const draft = draftFromDocument(existing);
    const [profile] = draft.profiles;
    if (!profile) throw new Error('fixture');
    const same = documentFromDraft({
      ...draft,
      profiles: [{ ...profile, roleArn: 'arn:aws:iam:::role/other' }],
    });
    expect(same.profiles).toEqual([
      expect.objectContaining({
        credentials: {
          source: 'assume-role',
          roleArn: 'arn:aws:iam:::role/other',
          accessKeyId: 'AKIDEXAMPLE',
          durationSeconds: 900,
        },
      }),
    ]);
    const vendor = documentFromDraft({
      ...draft,
      profiles: [{ ...profile, source: 'vendor', url: 'https://tokens.example/sts' }],
    });
    expect(vendor.profiles).toEqual([
      expect.objectContaining({
        credentials: { source: 'vendor', url: 'https://tokens.example/sts' },
      }),
    ]);
  });

  it('builds a first-run document the engine accepts', () => {
    const draft = draftFromDocument(null);
    const profile = {
      ...emptyProfileDraft('oss'),
      provider: 'oss' as const,
      source: 'aliyun-sts' as const,
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      region: 'oss-cn-hangzhou',
      roleArn: 'acs:ram::1234567890123456:role/ferry',
      accessKeyId: 'LTAIEXAMPLE',
    };
    const folder = { ...emptyFolderDraft('oss'), path: '/home/u/photos', bucket: 'photos-bucket' };
    const document = documentFromDraft({ ...draft, profiles: [profile], folders: [folder] });
    const config = parseConfig(document, 'setup');
    expect(config.folders[0]).toMatchObject({ id: 'documents', profile: 'oss', mode: 'upload' });
    expect(config.profiles[0]?.credentials).toMatchObject({ source: 'aliyun-sts' });
    expect(document).not.toHaveProperty('transfers');
  });

  it('reads a missing or odd document as empty', () => {
    expect(draftFromDocument('profiles: []')).toMatchObject({ profiles: [], folders: [] });
    expect(draftFromDocument({ profiles: 'x', folders: [null] }).folders).toEqual([
      expect.objectContaining({ id: '', mode: 'upload' }),
    ]);
  });

  it('turns digit-only input into numbers and leaves sizes as text', () => {
    expect(numberOrText(' 8 ')).toBe(8);
    expect(numberOrText('8MiB')).toBe('8MiB');
    expect(numberOrText('')).toBe('');
  });
});

describe('config drafts keep the provider preset (issue 10)', () => {
  const withProvider = (provider: string) => ({
    ...existing,
    profiles: [{ ...existing.profiles[0], provider }],
  });

  it.each(['ctyun', 'aws', 'ceph', 'minio'])('an edited %s profile stays %s', (provider) => {
    const draft = draftFromDocument(withProvider(provider));
    const [profile] = draft.profiles;
    if (!profile) throw new Error('fixture');
    expect(profile.provider).toBe('s3');
    const document = documentFromDraft({
      ...draft,
      profiles: [{ ...profile, endpoint: 'https://other.example' }],
    });
    expect(document['profiles']).toMatchObject([{ provider, endpoint: 'https://other.example' }]);
  });

  it('an aliyun-oss profile is an OSS draft and stays aliyun-oss; switching family writes the family', () => {
    const draft = draftFromDocument(withProvider('aliyun-oss'));
    const [profile] = draft.profiles;
    if (!profile) throw new Error('fixture');
    expect(profile.provider).toBe('oss');
    expect(documentFromDraft(draft)['profiles']).toMatchObject([{ provider: 'aliyun-oss' }]);
    const switched = documentFromDraft({ ...draft, profiles: [{ ...profile, provider: 's3' }] });
    expect(switched['profiles']).toMatchObject([{ provider: 's3' }]);
  });

  it('edits ignore patterns (one per line), the delete delay and remote listing', () => {
    const draft = draftFromDocument(existing);
    const [folder] = draft.folders;
    if (!folder) throw new Error('fixture');
    expect(folder).toMatchObject({
      ignore: '*.tmp',
      deleteDelaySeconds: '30',
      remoteListing: false,
    });
    const document = documentFromDraft({
      ...draft,
      folders: [
        {
          ...folder,
          mode: 'mirror',
          ignore: '*.tmp\r\n\n  node_modules/  \nname\\ \n',
          deleteDelaySeconds: ' 120 ',
          remoteListing: true,
        },
      ],
    });
    expect(document.folders).toEqual([
      {
        ...existing.folders[0],
        mode: 'mirror',
        ignore: ['*.tmp', 'node_modules/', 'name\\ '],
        deleteDelaySeconds: 120,
        remoteListing: true,
      },
    ]);
    const config = parseConfig(document, 'ferry.yaml');
    expect(config.folders[0]).toMatchObject({ deleteDelaySeconds: 120, remoteListing: true });
    // …and the saved document reads back into the same form.
    expect(draftFromDocument(document).folders[0]).toMatchObject({
      ignore: '*.tmp\nnode_modules/\nname\\ ',
      deleteDelaySeconds: '120',
      remoteListing: true,
    });
  });

  it('leaves the three folder options out when the form never had them, and keeps an explicit false', () => {
    const fresh = documentFromDraft(
      draftFromDocument({
        folders: [{ id: 'a', path: '/a', profile: 'p', bucket: 'b', prefix: '' }],
      }),
    );
    expect(fresh.folders).toEqual([
      { id: 'a', path: '/a', profile: 'p', bucket: 'b', prefix: '', mode: 'upload' },
    ]);
    const explicit = {
      id: 'a',
      path: '/a',
      profile: 'p',
      bucket: 'b',
      prefix: '',
      ignore: [],
      remoteListing: false,
    };
    const draft = draftFromDocument({ folders: [explicit] });
    expect(documentFromDraft(draft).folders).toEqual([{ ...explicit, mode: 'upload' }]);
    const [folder] = draft.folders;
    if (!folder) throw new Error('fixture');
    const cleared = documentFromDraft({
      ...draft,
      folders: [{ ...folder, deleteDelaySeconds: '' }],
    });
    expect(cleared.folders).toEqual([{ ...explicit, mode: 'upload' }]);
  });

  it('splits pattern lines without touching spaces inside a pattern', () => {
    expect(patternLines('')).toEqual([]);
    expect(patternLines('a b\n\n\t#comment\n')).toEqual(['a b', '#comment']);
  });
});
