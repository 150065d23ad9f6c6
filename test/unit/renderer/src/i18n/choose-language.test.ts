import { describe, expect, it } from 'vitest';

import {
  isLanguagePreference,
  languageFromTags,
  resolveLanguage,
} from '../../../../../renderer/src/i18n/choose-language.js';

describe('languageFromTags', () => {
  it.each([
    [['zh-TW'], 'zh-TW'],
    [['zh-HK'], 'zh-TW'],
    [['zh-MO'], 'zh-TW'],
    [['zh-Hant'], 'zh-TW'],
    [['zh-Hant-CN'], 'zh-TW'],
    [['zh_tw'], 'zh-TW'],
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh-Hans-HK'], 'zh-CN'],
    [['en-GB'], 'en'],
    [['fr-FR', 'zh-TW', 'en'], 'zh-TW'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('%j → %s', (tags, language) => {
    expect(languageFromTags(tags)).toBe(language);
  });

  it('lets an explicit choice override the system', () => {
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh-HK'])).toBe('zh-TW');
  });

  it('accepts only known stored preferences', () => {
    expect(isLanguagePreference('zh-TW')).toBe(true);
    expect(isLanguagePreference('system')).toBe(true);
    expect(isLanguagePreference('de')).toBe(false);
    expect(isLanguagePreference(null)).toBe(false);
  });
});
