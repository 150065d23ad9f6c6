import type { UiSnapshot } from '../../../../app/ipc/views.js';
import { EmptyState } from '../../components/empty-state.js';
import type { DropPayload } from '../../drops/drop-uploader.js';
import { useNow } from '../../hooks/use-now.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { FolderCard } from './folder-card.js';

interface FoldersViewProps {
  readonly snapshot: UiSnapshot;
  readonly onDrop: (folderId: string, payload: DropPayload) => void;
  readonly onOpenSettings: () => void;
  readonly onShowFailed?: (() => void) | undefined;
}

export function FoldersView({ snapshot, onDrop, onOpenSettings, onShowFailed }: FoldersViewProps) {
  const { t } = useI18n();
  const now = useNow(15_000);
  if (snapshot.folders.length === 0) {
    return (
      <EmptyState icon="▢" title={t('foldersEmpty')}>
        <p>{t('foldersEmptyBody')}</p>
        <button type="button" className="button button--primary" onClick={onOpenSettings}>
          {t('openSettings')}
        </button>
      </EmptyState>
    );
  }
  return (
    <div className="card-grid">
      {snapshot.folders.map((folder) => (
        <FolderCard
          key={folder.id}
          folder={folder}
          pausedAll={snapshot.pausedAll}
          canOpen={snapshot.host === 'desktop'}
          now={now}
          credentials={snapshot.profiles.find((p) => p.id === folder.profileId)?.status}
          onDrop={onDrop}
          onShowFailed={onShowFailed}
        />
      ))}
    </div>
  );
}
