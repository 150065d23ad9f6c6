import { credentialHealthOf } from '../../../../app/credentials/credential-health.js';
import type { ProfileView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { StateBadge } from '../../components/state-badge.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { credentialHealthDisplay } from '../../model/state-display.js';
import { CredentialTimes } from './credential-times.js';
import { SecretForm } from './secret-form.js';

const SOURCES: Record<ProfileView['source'], MessageKey> = {
  'assume-role': 'sourceAssumeRole',
  'aliyun-sts': 'sourceAliyunSts',
  vendor: 'sourceVendor',
};

/** One profile's token: where it comes from, how long it lasts, what went wrong. */
export function CredentialCard({
  profile,
  now,
  keychainReachable = null,
}: {
  profile: ProfileView;
  now: number;
  /** false: no keychain answers (the secret form says so before the user types). */
  keychainReachable?: boolean | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { bridge } = useSession();
  const refresh = useRequest();
  const { status } = profile;
  const lastError = status.lastError ? i18n.error(status.lastError) : null;
  // One reading of the token everywhere (credential-health.ts): a token that will simply be
  // renewed is "Valid, renews at HH:MM", never "expiring" (issue 12).
  const health = credentialHealthOf(status, now);
  const display = credentialHealthDisplay(health, status.state);
  const renewsAt =
    display.label === 'credentialStateRenews' && status.nextRefreshAt !== null
      ? t('credentialStateRenews', { time: i18n.clock(status.nextRefreshAt, now) })
      : undefined;

  return (
    <article
      className="card credential-card"
      data-testid={`credential-card-${profile.id}`}
      aria-labelledby={`profile-title-${profile.id}`}
    >
      <header className="card__header">
        <h2 className="card__title" id={`profile-title-${profile.id}`}>
          {profile.id}
        </h2>
        <StateBadge
          display={display}
          state={health === 'valid' && status.state === 'refreshing' ? 'refreshing' : health}
          testId={`credential-state-${profile.id}`}
          {...(renewsAt ? { text: renewsAt } : {})}
        />
      </header>
      <dl className="facts">
        <dt>{t('profileProvider')}</dt>
        <dd>
          {profile.provider === 'oss' ? t('providerOss') : t('providerS3')}
          {profile.region && <span className="muted"> · {profile.region}</span>}
        </dd>
        {profile.endpoint && (
          <>
            <dt>{t('profileEndpoint')}</dt>
            <dd className="mono">{profile.endpoint}</dd>
          </>
        )}
        <dt>{t('profileSource')}</dt>
        <dd>
          {t(SOURCES[profile.source])}
          <div className="mono muted" title={profile.sourceDetail}>
            {profile.sourceDetail}
          </div>
        </dd>
      </dl>
      <CredentialTimes profileId={profile.id} status={status} now={now} />
      {lastError && (
        <div className="callout callout--error" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            {lastError.message}
          </p>
          {lastError.hint && <p className="callout__hint">{lastError.hint}</p>}
          {lastError.original && (
            <p className="callout__hint muted" lang="en">
              {lastError.original}
            </p>
          )}
        </div>
      )}
      <div className="card__actions">
        <button
          type="button"
          className="button"
          data-testid={`credential-refresh-${profile.id}`}
          aria-label={t('refreshProfile', { profile: profile.id })}
          disabled={refresh.busy || status.state === 'refreshing'}
          onClick={() =>
            void refresh.run(t('refreshFailed'), () =>
              bridge.invoke('credentials:refresh', { profileId: profile.id }),
            )
          }
        >
          <span aria-hidden="true">⟳</span> {t('refreshNow')}
        </button>
      </div>
      <SecretForm profile={profile} keychainReachable={keychainReachable} />
    </article>
  );
}
