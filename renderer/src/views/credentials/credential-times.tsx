import { credentialHealthOf } from '../../../../app/credentials/credential-health.js';
import type { ProfileView } from '../../../../app/ipc/views.js';
import { useI18n } from '../../i18n/i18n-context.js';

interface CredentialTimesProps {
  readonly profileId: string;
  readonly status: ProfileView['status'];
  readonly now: number;
}

/** The live countdown to expiry, and when Ferry refreshed and will refresh the token. */
export function CredentialTimes({ profileId, status, now }: CredentialTimesProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const health = credentialHealthOf(status, now);
  // Amber/red only when the token may really run out; a short token that will be renewed is ok.
  const urgency =
    status.expiresAt === null
      ? 'none'
      : health === 'expired'
        ? 'expired'
        : health === 'valid'
          ? 'ok'
          : 'soon';
  const time = (at: number | null, missing: string) =>
    at === null ? (
      <span className="muted">{missing}</span>
    ) : (
      <time dateTime={new Date(at).toISOString()} title={i18n.relative(at, now)}>
        {i18n.clock(at, now)}
      </time>
    );

  return (
    <div className="credential-times">
      <p
        className={`countdown countdown--${urgency}`}
        data-testid={`credential-expiry-${profileId}`}
        aria-live="off"
      >
        <span aria-hidden="true">{urgency === 'ok' ? '◷' : '⚠'} </span>
        {i18n.expiry(status.expiresAt, now)}
      </p>
      <dl className="facts facts--compact">
        <dt>{t('expiresAt')}</dt>
        <dd>
          {status.expiresAt === null ? (
            <span className="muted">—</span>
          ) : (
            <span
              data-testid={`credential-expires-at-${profileId}`}
              data-expires-at={String(status.expiresAt)}
            >
              {time(status.expiresAt, '—')}
            </span>
          )}
        </dd>
        <dt>{t('nextRefresh')}</dt>
        <dd data-testid={`credential-next-refresh-${profileId}`}>
          {status.retryAt !== null && status.retryAt > now
            ? t('retryAfterFailure', { duration: i18n.duration(status.retryAt - now + 999) })
            : time(status.nextRefreshAt, '—')}
        </dd>
        <dt>{t('lastRefresh')}</dt>
        <dd>{time(status.lastRefreshAt, t('never'))}</dd>
      </dl>
    </div>
  );
}
