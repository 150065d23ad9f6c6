import { useI18n } from '../i18n/i18n-context.js';

/** A browser opened `ferry serve` without the token in the URL: nothing can connect. */
export function MissingTokenPage() {
  const { t } = useI18n();
  return (
    <main className="standalone" data-testid="missing-token">
      <div className="standalone__card">
        <h1>{t('appName')}</h1>
        <p className="standalone__lead">{t('missingTokenTitle')}</p>
        <p>{t('missingTokenBody')}</p>
        <pre className="code">ferry serve</pre>
      </div>
    </main>
  );
}
