import type { UiSnapshot } from '../../../app/ipc/views.js';
import { useSession } from '../bridge/session-context.js';
import { useRequest } from '../hooks/use-request.js';
import { useI18n } from '../i18n/i18n-context.js';
import { attentionLabel } from '../model/attention-label.js';
import { trayStateDisplay } from '../model/state-display.js';
import { FerryLogo } from './ferry-logo.js';
import { StateBadge } from './state-badge.js';

interface TopBarProps {
  readonly snapshot: UiSnapshot | null;
  /** While the `ferry serve` socket is down the actions would only fail. */
  readonly connected: boolean;
}

/** App name, the one-word global state, and the actions that apply to every folder. */
export function TopBar({ snapshot, connected }: TopBarProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { bridge } = useSession();
  const pause = useRequest();
  const sync = useRequest();
  const ready =
    connected && snapshot !== null && snapshot.configError === null && !snapshot.setupNeeded;

  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <span className="top-bar__logo">
          <FerryLogo />
        </span>
        <h1 className="top-bar__name">{t('appName')}</h1>
        {snapshot && (
          <StateBadge
            display={trayStateDisplay(snapshot.trayState, snapshot.setupNeeded)}
            state={snapshot.setupNeeded ? 'not-set-up' : snapshot.trayState}
            testId="global-state"
            text={snapshot.setupNeeded ? undefined : attentionLabel(snapshot, i18n)}
          />
        )}
      </div>
      <div className="top-bar__actions">
        {snapshot?.pausedAll ? (
          <button
            type="button"
            className="button"
            data-testid="resume-all"
            disabled={!ready || pause.busy}
            onClick={() =>
              void pause.run(t('resumeAllFailed'), () => bridge.invoke('folders:resume', {}))
            }
          >
            <span aria-hidden="true">▶</span> {t('resumeAll')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            data-testid="pause-all"
            disabled={!ready || pause.busy}
            onClick={() =>
              void pause.run(t('pauseAllFailed'), () => bridge.invoke('folders:pause', {}))
            }
          >
            <span aria-hidden="true">❚❚</span> {t('pauseAll')}
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          data-testid="sync-all"
          disabled={!ready || sync.busy}
          onClick={() =>
            void sync.run(t('syncAllFailed'), () => bridge.invoke('folders:sync-now', {}))
          }
        >
          <span aria-hidden="true">⟳</span> {t('syncAll')}
        </button>
      </div>
    </header>
  );
}
