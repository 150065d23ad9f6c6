import type { ProfileView } from '../../../../app/ipc/views.js';
import { EmptyState } from '../../components/empty-state.js';
import { useNow } from '../../hooks/use-now.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CredentialCard } from './credential-card.js';

export function CredentialsView({
  profiles,
  keychainReachable = null,
}: {
  readonly profiles: readonly ProfileView[];
  readonly keychainReachable?: boolean | null;
}) {
  const { t } = useI18n();
  const now = useNow();
  if (profiles.length === 0) {
    return <EmptyState icon="○" title={t('profilesEmpty')} />;
  }
  return (
    <div className="card-grid">
      {profiles.map((profile) => (
        <CredentialCard
          key={profile.id}
          profile={profile}
          now={now}
          keychainReachable={keychainReachable}
        />
      ))}
    </div>
  );
}
