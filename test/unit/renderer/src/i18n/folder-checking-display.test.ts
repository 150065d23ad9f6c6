import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import {
  folderStateDisplay,
  folderStatusDisplay,
} from '../../../../../renderer/src/model/state-display.js';

describe('the folder card badge while its preflight runs', () => {
  it('is an active "Checking" badge with an icon (colour is never the only cue), in every language', () => {
    const display = folderStatusDisplay('checking');

    expect(display).toEqual(folderStateDisplay('checking'));
    expect(display.tone).toBe('active');
    expect(display.icon).not.toBe('');
    expect(createI18n('en').t(display.label)).toBe('Checking');
    expect(createI18n('zh-CN').t(display.label)).toBe('正在检查');
    expect(createI18n('zh-TW').t(display.label)).toBe('檢查中');
    expect(createI18n('en').t('folderStateCheckingHelp')).toMatch(/before starting/);
  });
});
