import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { uploadRefusal } from '../../../../../renderer/src/model/upload-refusal.js';

// Issue 13: a folder whose preflight failed offered "Upload files…" anyway.
describe('uploadRefusal', () => {
  it('refuses uploads to a folder its preflight blocked, and says why in each language', () => {
    const blocked = { blocked: { message: 'Bucket "x" does not exist.', hint: null } };
    const key = uploadRefusal(blocked);
    expect(key).toBe('uploadRefusedBlocked');
    expect(createI18n('en').t(key!)).toMatch(/Sync now/);
    expect(createI18n('zh-CN').t(key!)).toMatch(/立即同步/);
    expect(createI18n('zh-TW').t(key!)).toMatch(/立即同步/);
  });

  it('takes uploads when the folder passed (or has not been checked yet)', () => {
    expect(uploadRefusal({ blocked: null })).toBeNull();
    expect(uploadRefusal({})).toBeNull();
  });
});
