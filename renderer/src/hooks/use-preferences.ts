import { useEffect, useMemo } from 'react';

import {
  isLanguagePreference,
  resolveLanguage,
  type Language,
  type LanguagePreference,
} from '../i18n/choose-language.js';
import { createI18n, type I18n } from '../i18n/i18n.js';
import {
  isThemePreference,
  resolveTheme,
  type Theme,
  type ThemePreference,
} from '../model/theme.js';
import { useStoredChoice } from './use-stored-choice.js';
import { useSystemDark } from './use-system-dark.js';

export interface Preferences {
  readonly themePreference: ThemePreference;
  readonly theme: Theme;
  setThemePreference: (value: ThemePreference) => void;
  readonly languagePreference: LanguagePreference;
  readonly language: Language;
  setLanguagePreference: (value: LanguagePreference) => void;
  readonly i18n: I18n;
}

/**
 * Theme and language: chosen in Settings, "system" by default, applied to <html> (`data-theme`
 * for the CSS variables, `lang` for fonts and screen readers).
 */
export function usePreferences(): Preferences {
  const [themePreference, setThemePreference] = useStoredChoice<ThemePreference>(
    'ferry.theme',
    isThemePreference,
    'system',
  );
  const [languagePreference, setLanguagePreference] = useStoredChoice<LanguagePreference>(
    'ferry.language',
    isLanguagePreference,
    'system',
  );
  const systemDark = useSystemDark();
  const theme = resolveTheme(themePreference, systemDark);
  const language = resolveLanguage(languagePreference, navigator.languages);
  const i18n = useMemo(() => createI18n(language), [language]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('appName');
  }, [language, i18n]);

  return {
    themePreference,
    theme,
    setThemePreference,
    languagePreference,
    language,
    setLanguagePreference,
    i18n,
  };
}
