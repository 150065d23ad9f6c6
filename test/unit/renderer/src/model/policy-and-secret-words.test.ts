import { describe, expect, it } from 'vitest';

import type { FolderPolicyView } from '../../../../../app/credentials/policy-summary.js';
import type { ProfileView } from '../../../../../app/ipc/views.js';
import { DICTIONARIES } from '../../../../../renderer/src/i18n/i18n.js';
import { createTranslator } from '../../../../../renderer/src/i18n/translate.js';
import { policySentence } from '../../../../../renderer/src/model/policy-words.js';
import {
  secretOriginText,
  secretPlaceholder,
} from '../../../../../renderer/src/views/credentials/secret-origin.js';

const en = createTranslator(DICTIONARIES.en, 'en').t;
const zhCN = createTranslator(DICTIONARIES['zh-CN'], 'zh-CN').t;
const zhTW = createTranslator(DICTIONARIES['zh-TW'], 'zh-TW').t;

const upload: FolderPolicyView = {
  kind: 'auto',
  bucket: 'media',
  prefix: 'photos/2026/',
  may: ['upload', 'read'],
  mayNot: ['delete', 'list'],
  approximate: false,
};

describe('the policy in force, in the UI languages', () => {
  it.each([
    [
      en,
      'may upload and overwrite and read under photos/2026/ of bucket media, may not delete or list',
    ],
    [zhCN, '存储桶 media 的 photos/2026/ 下：可以上传和覆盖、读取，不能删除或列举'],
    [zhTW, '儲存貯體 media 的 photos/2026/ 下：可以上傳和覆寫、讀取，不能刪除或列出'],
  ])('an upload folder (%#)', (t, sentence) => {
    expect(policySentence(t, upload)).toEqual({ sentence, notes: [] });
  });

  it('a custom policy says so; no policy sent says who decides', () => {
    const custom = {
      ...upload,
      kind: 'custom' as const,
      approximate: true,
      may: [],
      mayNot: ['upload', 'read', 'delete', 'list'] as const,
    };
    expect(policySentence(en, custom)).toEqual({
      sentence:
        'may do nothing under photos/2026/ of bucket media, may not upload and overwrite, read, delete or list',
      notes: ['custom policy', 'summarised: parts of the policy are not shown'],
    });
    expect(policySentence(zhCN, { ...upload, kind: 'none', may: [], mayNot: [] }).sentence).toBe(
      '未发送会话策略：由令牌服务决定令牌的权限',
    );
  });
});

describe('where the secret comes from', () => {
  const profile = (origin: ProfileView['secretOrigin']) =>
    ({ id: 'my-ceph', secretStored: origin !== 'none', secretOrigin: origin }) as ProfileView;

  it.each([
    [
      'environment',
      'From the environment variable FERRY_SECRET_MY_CEPH (it wins over the keychain)',
    ],
    [
      'memory',
      'Kept in memory for this session only (no keychain here): enter it again after Ferry restarts, or set FERRY_SECRET_MY_CEPH',
    ],
    ['keychain', 'Stored in the keychain'],
    ['none', 'No secret stored yet'],
  ] as const)('%s', (origin, text) => {
    expect(secretOriginText(en, profile(origin))).toBe(text);
  });

  it('an environment secret is never called "stored in the keychain", in any language', () => {
    for (const t of [en, zhCN, zhTW]) {
      expect(secretOriginText(t, profile('environment'))).toContain('FERRY_SECRET_MY_CEPH');
      expect(secretOriginText(t, profile('environment'))).not.toBe(t('secretStored'));
    }
  });

  it('an environment secret names its variable in the empty secret field', () => {
    expect(secretPlaceholder(en, profile('environment'))).toBe('Set by FERRY_SECRET_MY_CEPH');
    expect(secretPlaceholder(zhCN, profile('environment'))).toBe('由 FERRY_SECRET_MY_CEPH 设置');
    expect(secretPlaceholder(zhTW, profile('environment'))).toContain('FERRY_SECRET_MY_CEPH');
    expect(secretPlaceholder(en, profile('keychain'))).toBeUndefined();
  });
});
