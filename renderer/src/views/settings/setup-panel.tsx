import { useSession } from '../../bridge/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { useConfigDocument } from '../../hooks/use-config-document.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { SetupForm } from './setup-form.js';

/** The first-run setup, prefilled from whatever config file already exists. */
export function SetupPanel({
  keychainReachable = null,
}: {
  /** false: no keychain answers; the form says where the secret will be kept. */
  readonly keychainReachable?: boolean | null;
}) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const { config, error } = useConfigDocument(bridge);
  // Without a readable document the setup starts from scratch (main still validates it all).
  if (!config && !error) return <EmptyState icon="⋯" title={t('loading')} />;
  return <SetupForm existing={config?.document ?? null} keychainReachable={keychainReachable} />;
}
