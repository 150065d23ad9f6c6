import type { ConnectionStatus } from '../bridge/connection.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/i18n-context.js';

/** Shown while the `ferry serve` WebSocket is down (never on the desktop). */
export function ConnectionBanner({ status }: { readonly status: ConnectionStatus }) {
  const { t, duration } = useI18n();
  const now = useNow();
  if (status.state === 'open') return null;
  const first = status.state === 'connecting' && status.generation === 0;
  const wait = status.nextAttemptAt === null ? 0 : Math.max(0, status.nextAttemptAt - now);
  return (
    <div
      className={`banner ${first ? 'banner--info' : 'banner--warn'}`}
      role="status"
      data-testid="connection-banner"
      data-state={status.state}
    >
      <span aria-hidden="true">{first ? '⟳' : '⚠'}</span>
      <span>
        {first
          ? t('connecting')
          : wait > 0
            ? t('reconnectingIn', { duration: duration(wait + 999) })
            : t('reconnecting')}
      </span>
    </div>
  );
}
