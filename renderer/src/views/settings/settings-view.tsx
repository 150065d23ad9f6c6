import type { UiSnapshot } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { useConfigDocument } from '../../hooks/use-config-document.js';
import type { Preferences } from '../../hooks/use-preferences.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { AppearanceSettings } from './appearance-settings.js';
import { ConfigEditor } from './config-editor.js';
import { StartAtLogin } from './start-at-login.js';

interface SettingsViewProps {
  readonly snapshot: UiSnapshot | null;
  readonly preferences: Preferences;
}

export function SettingsView({ snapshot, preferences }: SettingsViewProps) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const config = useConfigDocument(bridge);
  const startAtLogin = snapshot?.settings.startAtLogin ?? null;

  return (
    <div className="settings">
      <section className="card settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settingsAppearance')}</h2>
        <AppearanceSettings preferences={preferences} />
        {startAtLogin !== null && <StartAtLogin enabled={startAtLogin} />}
      </section>
      <section className="card settings-section" aria-labelledby="settings-config">
        <h2 id="settings-config">{t('settingsConfig')}</h2>
        {config.error && (
          <p className="callout callout--error" role="alert">
            {config.error}
          </p>
        )}
        {config.config ? (
          // A new key remounts the editor with the file's content after a reload.
          <ConfigEditor key={config.config.path ?? 'new'} config={config.config} />
        ) : (
          !config.error && <EmptyState icon="⋯" title={t('loading')} />
        )}
      </section>
    </div>
  );
}
