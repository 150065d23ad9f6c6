import type { FerryBridge } from '../../../../app/ipc/contract.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';

interface FolderActionsProps {
  readonly folderId: string;
  readonly paused: boolean;
  /** Only the desktop can open a local folder (a browser cannot reach the file manager). */
  readonly canOpen: boolean;
  readonly bridge: FerryBridge;
}

export function FolderActions({ folderId, paused, canOpen, bridge }: FolderActionsProps) {
  const { t } = useI18n();
  const toggle = useRequest();
  const sync = useRequest();
  const open = useRequest();
  return (
    <div className="card__actions">
      {paused ? (
        <button
          type="button"
          className="button"
          data-testid={`folder-resume-${folderId}`}
          aria-label={t('resumeFolder', { folder: folderId })}
          disabled={toggle.busy}
          onClick={() =>
            void toggle.run(t('resumeFailed'), () => bridge.invoke('folders:resume', { folderId }))
          }
        >
          <span aria-hidden="true">▶</span> {t('resume')}
        </button>
      ) : (
        <button
          type="button"
          className="button"
          data-testid={`folder-pause-${folderId}`}
          aria-label={t('pauseFolder', { folder: folderId })}
          disabled={toggle.busy}
          onClick={() =>
            void toggle.run(t('pauseFailed'), () => bridge.invoke('folders:pause', { folderId }))
          }
        >
          <span aria-hidden="true">❚❚</span> {t('pause')}
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid={`folder-sync-${folderId}`}
        aria-label={t('syncFolder', { folder: folderId })}
        disabled={sync.busy}
        onClick={() =>
          void sync.run(t('syncFailed'), () => bridge.invoke('folders:sync-now', { folderId }))
        }
      >
        <span aria-hidden="true">⟳</span> {t('syncNow')}
      </button>
      {canOpen && (
        <button
          type="button"
          className="button button--ghost"
          data-testid={`folder-open-${folderId}`}
          aria-label={t('openFolderNamed', { folder: folderId })}
          disabled={open.busy}
          onClick={() =>
            void open.run(t('openFailed'), () => bridge.invoke('folders:open', { folderId }))
          }
        >
          <span aria-hidden="true">↗</span> {t('openFolder')}
        </button>
      )}
    </div>
  );
}
