import type { UiSnapshot } from '../../../app/ipc/views.js';
import type { DropPayload } from '../drops/drop-uploader.js';
import type { Preferences } from '../hooks/use-preferences.js';
import type { TransfersState } from '../hooks/use-transfers.js';
import { useI18n } from '../i18n/i18n-context.js';
import { CredentialsView } from '../views/credentials/credentials-view.js';
import { FoldersView } from '../views/folders/folders-view.js';
import { SettingsView } from '../views/settings/settings-view.js';
import { SetupPanel } from '../views/settings/setup-panel.js';
import { TransfersView } from '../views/transfers/transfers-view.js';
import { EmptyState } from './empty-state.js';
import type { ViewId } from './nav-tabs.js';
import { pausedFolderIds } from '../model/state-display.js';
import type { TransferFilter } from '../model/transfer-filter.js';

interface ViewPanelProps {
  readonly view: ViewId;
  readonly snapshot: UiSnapshot | null;
  readonly snapshotError: Error | null;
  readonly transfers: TransfersState;
  readonly preferences: Preferences;
  readonly onDrop: (folderId: string, payload: DropPayload) => void;
  readonly onNavigate: (view: ViewId) => void;
  readonly transferFilter: TransferFilter;
  readonly onTransferFilter: (filter: TransferFilter) => void;
}

/** The selected view, or why there is nothing to show yet. */
export function ViewPanel(props: ViewPanelProps) {
  const { view, snapshot, snapshotError, transfers, preferences, onDrop, onNavigate } = props;
  const { transferFilter, onTransferFilter } = props;
  const { t } = useI18n();

  // Settings work without a snapshot: theme and language at least, and a broken config.
  if (view === 'settings') return <SettingsView snapshot={snapshot} preferences={preferences} />;
  if (!snapshot) {
    return snapshotError ? (
      <EmptyState icon="⚠" title={t('snapshotFailed')}>
        <p>{snapshotError.message}</p>
      </EmptyState>
    ) : (
      <EmptyState icon="⋯" title={t('connecting')} />
    );
  }

  const configError = snapshot.configError && (
    <div className="callout callout--error" role="alert" data-testid="config-error">
      <p className="callout__title">
        <span aria-hidden="true">⚠ </span>
        {t('configBroken')}
      </p>
      <p>{snapshot.configError.message}</p>
      {snapshot.configError.hint && <p className="callout__hint">{snapshot.configError.hint}</p>}
      <button type="button" className="button button--small" onClick={() => onNavigate('settings')}>
        {t('openSettings')}
      </button>
    </div>
  );

  switch (view) {
    case 'folders':
      return (
        <>
          {configError}
          {snapshot.setupNeeded && !snapshot.configError ? (
            <SetupPanel keychainReachable={snapshot.keychainReachable ?? null} />
          ) : (
            <FoldersView
              snapshot={snapshot}
              onDrop={onDrop}
              onOpenSettings={() => onNavigate('settings')}
              onShowFailed={() => {
                onTransferFilter('failed');
                onNavigate('transfers');
              }}
            />
          )}
        </>
      );
    case 'transfers':
      return (
        <TransfersView
          transfers={transfers}
          totals={snapshot.totals}
          filter={transferFilter}
          onFilter={onTransferFilter}
          pausedFolders={pausedFolderIds(snapshot)}
        />
      );
    case 'credentials':
      return (
        <CredentialsView
          profiles={snapshot.profiles}
          keychainReachable={snapshot.keychainReachable ?? null}
        />
      );
  }
}
