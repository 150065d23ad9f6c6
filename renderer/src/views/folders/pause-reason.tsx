import { useSession } from '../../bridge/session-context.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Ferry paused the folder itself (a mass delete); deletes resume only when confirmed. */
export function PauseReason({ folderId, reason }: { folderId: string; reason: string }) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const confirm = useRequest();
  return (
    <div className="callout callout--warn" role="status">
      <p>
        <span aria-hidden="true">❚❚ </span>
        {reason}
      </p>
      <button
        type="button"
        className="button button--danger button--small"
        data-testid={`folder-confirm-deletes-${folderId}`}
        disabled={confirm.busy}
        onClick={() =>
          void confirm.run(t('confirmDeletesFailed'), () =>
            bridge.invoke('folders:confirm-deletes', { folderId }),
          )
        }
      >
        {t('confirmDeletes')}
      </button>
    </div>
  );
}
