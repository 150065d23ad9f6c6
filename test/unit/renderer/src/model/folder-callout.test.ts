import { describe, expect, it } from 'vitest';

import { folderCallout } from '../../../../../renderer/src/model/folder-callout.js';

// The preflight's words for a denied write (app/engine/folder-preflight.ts).
const blocked = {
  code: 'access-denied',
  message:
    'Folder "refusing": the token may not upload to s3://bucket/p/ (the store denied CreateMultipartUpload: AccessDenied).',
  hint: 'The role (or a custom session policy) does not allow uploads to bucket "bucket" under "p/".',
  params: {
    action: 'CreateMultipartUpload s3://bucket/p/',
    status: 403,
    storeCode: 'AccessDenied',
    folder: 'refusing',
    bucket: 'bucket',
  },
};

describe('folderCallout', () => {
  it('shows a failed preflight in Chinese first, the English only as the original', () => {
    const callout = folderCallout({ lastError: blocked.message, blocked }, 'zh-CN');
    expect(callout?.message).toMatch(/^存储服务拒绝访问/);
    expect(callout?.message).not.toContain('Folder "refusing"');
    expect(callout?.hint).not.toMatch(/[A-Za-z]{6,} [A-Za-z]{3,}/);
    expect(callout?.original).toContain(blocked.message);
  });

  it('keeps the engine text in English, with no second copy', () => {
    expect(folderCallout({ lastError: blocked.message, blocked }, 'en')).toEqual({
      message: blocked.message,
      hint: blocked.hint,
      original: null,
    });
  });

  it('shows a plain last error as it is, and nothing when all is well', () => {
    expect(folderCallout({ lastError: 'Scan failed.', blocked: null }, 'zh-CN')?.message).toBe(
      'Scan failed.',
    );
    expect(folderCallout({ lastError: null, blocked: null }, 'zh-CN')).toBeNull();
  });
});
