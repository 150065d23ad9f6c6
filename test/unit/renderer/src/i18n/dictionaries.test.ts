import { describe, expect, it } from 'vitest';

import { LANGUAGES } from '../../../../../renderer/src/i18n/choose-language.js';
import { DICTIONARIES } from '../../../../../renderer/src/i18n/i18n.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('dictionaries', () => {
  const english = DICTIONARIES.en;
  const keys = Object.keys(english).sort();

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(DICTIONARIES[language]).sort()).toEqual(keys);
  });

  it.each(LANGUAGES)('%s has no empty strings', (language) => {
    const empty = Object.entries(DICTIONARIES[language])
      .filter(([, text]) => text.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s fills the same placeholders as English', (language) => {
    const mismatched = keys.filter((key) => {
      const text = DICTIONARIES[language][key as keyof typeof english];
      return (
        placeholders(text).join() !== placeholders(english[key as keyof typeof english]).join()
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('pairs every plural form', () => {
    const unpaired = keys.filter((key) => {
      const match = /^(.*)_(one|other)$/.exec(key);
      if (!match) return false;
      const partner = `${match[1]}_${match[2] === 'one' ? 'other' : 'one'}`;
      return !keys.includes(partner);
    });
    expect(unpaired).toEqual([]);
  });

  it('translates rather than copies the English text', () => {
    const untranslated = (language: 'zh-CN' | 'zh-TW') =>
      keys.filter(
        (key) =>
          /[a-z]{3,}/i.test(english[key as keyof typeof english].replace(/\{\w+\}/g, '')) &&
          DICTIONARIES[language][key as keyof typeof english] ===
            english[key as keyof typeof english],
      );
    // Brand names, units and protocol names stay as they are.
    const allowed = ['appName', 'percent', 'sourceAssumeRole'];
    expect(untranslated('zh-CN').filter((key) => !allowed.includes(key))).toEqual([]);
    expect(untranslated('zh-TW').filter((key) => !allowed.includes(key))).toEqual([]);
    expect(DICTIONARIES['zh-CN'].navFolders).not.toBe(DICTIONARIES['zh-TW'].navFolders);
  });

  it('tells the user how to open the web UI with its token', () => {
    expect(english.missingTokenBody).toContain(
      'Open the URL printed by `ferry serve` (it contains the access token)',
    );
  });
});
