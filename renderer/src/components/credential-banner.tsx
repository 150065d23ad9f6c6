import type { ProfileView } from '../../../app/ipc/views.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { credentialAlerts, type CredentialAlertKind } from '../lib/credential-alerts.js';

const MESSAGES: Record<CredentialAlertKind, MessageKey> = {
  failing: 'credentialAlertFailing',
  expired: 'credentialAlertExpired',
  'no-token': 'credentialAlertNoToken',
  expiring: 'credentialAlertExpiring',
};

interface CredentialBannerProps {
  readonly profiles: readonly ProfileView[];
  readonly onShow: () => void;
}

/** Across the app: a token about to expire, expired, missing, or failing to refresh. */
export function CredentialBanner({ profiles, onShow }: CredentialBannerProps) {
  const i18n = useI18n();
  const now = useNow();
  const alerts = credentialAlerts(profiles, now);
  const [worst] = alerts;
  if (!worst) return null;
  const serious = worst.kind !== 'expiring';
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
          <li key={alert.profileId}>
            {i18n.t(MESSAGES[alert.kind], {
              profile: alert.profileId,
              duration: i18n.duration(Math.max(0, (alert.expiresAt ?? now) - now)),
            })}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small" onClick={onShow}>
        {i18n.t('credentialAlertShow')}
      </button>
    </div>
  );
}
