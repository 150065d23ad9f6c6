export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LanguagePreference = 'system' | Language;

/** Traditional-script regions: Taiwan, Hong Kong, Macau. */
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The UI language for a list of BCP 47 tags in order of preference (navigator.languages): the
 * first Chinese or English tag decides. Chinese in Traditional script (zh-Hant, or a zh tag for
 * Taiwan, Hong Kong or Macau) gets zh-TW, any other Chinese zh-CN; without either, English.
 */
export function languageFromTags(tags: readonly string[]): Language {
  for (const tag of tags) {
    const parts = tag.toLowerCase().replace(/_/g, '-').split('-');
    const [primary, ...rest] = parts;
    if (primary === 'en') return 'en';
    if (primary !== 'zh') continue;
    if (rest.includes('hant')) return 'zh-TW';
    if (rest.includes('hans')) return 'zh-CN';
    return rest.some((part) => TRADITIONAL_REGIONS.has(part)) ? 'zh-TW' : 'zh-CN';
  }
  return 'en';
}

export function resolveLanguage(
  preference: LanguagePreference,
  systemTags: readonly string[],
): Language {
  return preference === 'system' ? languageFromTags(systemTags) : preference;
}

export function isLanguagePreference(value: unknown): value is LanguagePreference {
  return value === 'system' || (LANGUAGES as readonly unknown[]).includes(value);
}
