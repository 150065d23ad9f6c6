import type { ProfileView } from '../../../app/ipc/views.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/i18n-context.js';
import { credentialAlerts, type CredentialAlert } from '../model/credential-alerts.js';

interface CredentialBannerProps {
  readonly profiles: readonly ProfileView[];
  readonly onShow: () => void;
}

/**
 * Across the app: a token that expired, cannot be refreshed (with why and the next attempt), or
 * will expire before its next refresh. Never for a token that will simply be renewed.
 */
export function CredentialBanner({ profiles, onShow }: CredentialBannerProps) {
  const i18n = useI18n();
  const now = useNow();
  const alerts = credentialAlerts(profiles, now);
  const [worst] = alerts;
  if (!worst) return null;
  const serious = worst.serious;
  const text = (alert: CredentialAlert) => {
    const duration = i18n.duration(Math.max(0, (alert.expiresAt ?? now) - now));
    switch (alert.kind) {
      case 'expired':
        return i18n.t('credentialAlertExpired', { profile: alert.profileId });
      case 'late':
        return i18n.t('credentialAlertLate', { profile: alert.profileId, duration });
      case 'failing':
        if (alert.retryAt === null || alert.retryAt <= now || alert.reason === null) {
          return i18n.t('credentialAlertFailing', { profile: alert.profileId });
        }
        return i18n.t('credentialAlertFailingRetry', {
          profile: alert.profileId,
          // The reason is a sentence; the message puts it in parentheses.
          reason: (alert.error ? i18n.error(alert.error).message : alert.reason).replace(
            /[.。]$/u,
            '',
          ),
          retry: i18n.duration(alert.retryAt - now + 999),
        });
    }
  };
  return (
    <div
      className={`banner ${serious ? 'banner--error' : 'banner--warn'}`}
      role={serious ? 'alert' : 'status'}
      data-testid="credential-banner"
      data-kind={worst.kind}
    >
      <span aria-hidden="true">{serious ? '⚠' : '◷'}</span>
      <ul className="banner__list">
        {alerts.map((alert) => (
          <li key={alert.profileId} data-kind={alert.kind}>
            {text(alert)}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small" onClick={onShow}>
        {i18n.t('credentialAlertShow')}
      </button>
    </div>
  );
}
