import type { Preferences } from '../../hooks/use-preferences.js';
import type { LanguagePreference } from '../../i18n/choose-language.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { ThemePreference } from '../../model/theme.js';
import { SelectField } from './fields.js';

/** Theme and language, stored in this browser or app (not in the config file). */
export function AppearanceSettings({ preferences }: { readonly preferences: Preferences }) {
  const { t } = useI18n();
  return (
    <div className="field-grid">
      <SelectField<ThemePreference>
        label={t('settingsTheme')}
        value={preferences.themePreference}
        options={[
          { value: 'system', label: t('themeSystem') },
          { value: 'light', label: t('themeLight') },
          { value: 'dark', label: t('themeDark') },
        ]}
        onChange={preferences.setThemePreference}
        testId="theme-select"
      />
      <SelectField<LanguagePreference>
        label={t('settingsLanguage')}
        value={preferences.languagePreference}
        options={[
          { value: 'system', label: t('languageSystem') },
          // Each language is named in itself, so anyone can find their own.
          { value: 'en', label: 'English' },
          { value: 'zh-CN', label: '简体中文' },
          { value: 'zh-TW', label: '繁體中文' },
        ]}
        onChange={preferences.setLanguagePreference}
        testId="language-select"
      />
    </div>
  );
}
