import type { CSSProperties, Ref } from 'react';

import type { TransferView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { StateBadge } from '../../components/state-badge.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SpeedTracker } from '../../model/speed-tracker.js';
import { transferStateDisplay } from '../../model/state-display.js';
import { transferStateText } from '../../model/transfer-state-text.js';
import { TransferDetail } from './transfer-detail.js';
import { TransferDetails } from './transfer-details.js';

interface TransferRowProps {
  readonly transfer: TransferView;
  readonly speeds: SpeedTracker;
  /** The row's folder is paused: a queued row says "Paused". */
  readonly folderPaused: boolean;
  readonly now: number;
  readonly style: CSSProperties;
  readonly position: number;
  readonly total: number;
  /** The details (full message, hint, key, attempts, Copy) are shown below the row. */
  readonly expanded: boolean;
  readonly onToggle: () => void;
  /** For the list to measure the row's height (an expanded row is taller). */
  readonly rowRef: Ref<HTMLDivElement>;
  readonly index: number;
}

/** Rows that have something to tell beyond their one line. */
function hasDetails(transfer: TransferView): boolean {
  return transfer.error !== null || transfer.state === 'failed';
}

export function TransferRow(props: TransferRowProps) {
  const {
    transfer,
    speeds,
    folderPaused,
    now,
    style,
    position,
    total,
    expanded,
    onToggle,
    rowRef,
    index,
  } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const { bridge } = useSession();
  const retry = useRequest();
  const failed = transfer.state === 'failed';
  return (
    <div
      ref={rowRef}
      data-index={index}
      className={`transfer-row transfer-row--${transfer.state}${expanded ? ' transfer-row--expanded' : ''}`}
      role="listitem"
      aria-setsize={total}
      aria-posinset={position}
      style={style}
      data-testid="transfer-row"
      data-path={transfer.relativePath}
      data-id={transfer.id}
      data-state={transfer.state}
    >
      <div className="transfer-row__state">
        <StateBadge
          display={transferStateDisplay(transfer.state)}
          state={transfer.state}
          text={transferStateText(transfer, now, i18n, folderPaused)}
        />
      </div>
      <div className="transfer-row__main">
        <div className="transfer-row__path" title={transfer.relativePath}>
          {transfer.kind === 'delete' && <span className="tag tag--delete">{t('kindDelete')}</span>}
          {transfer.relativePath}
        </div>
        <div className="transfer-row__meta">
          <span className="transfer-row__folder">{transfer.folderId}</span>
          {transfer.origin === 'drop' && <span className="tag tag--drop">{t('originDrop')}</span>}
          <TransferDetail transfer={transfer} speeds={speeds} now={now} />
        </div>
      </div>
      <div className="transfer-row__size">
        {transfer.kind === 'delete' ? '' : i18n.bytes(transfer.size)}
      </div>
      <div className="transfer-row__actions">
        {hasDetails(transfer) && (
          <button
            type="button"
            className="icon-button transfer-row__toggle"
            data-testid="transfer-toggle"
            aria-expanded={expanded}
            aria-label={t('detailsOf', { path: transfer.relativePath })}
            title={t('details')}
            onClick={onToggle}
          >
            {expanded ? '▾' : '▸'}
          </button>
        )}
        {failed && (
          <button
            type="button"
            className="button button--small"
            data-testid="transfer-retry"
            aria-label={t('retryOne', { path: transfer.relativePath })}
            disabled={retry.busy}
            onClick={() =>
              void retry.run(t('retryFailedError'), () =>
                bridge.invoke('transfers:retry', { transferIds: [transfer.id] }),
              )
            }
          >
            ↻ {t('retry')}
          </button>
        )}
      </div>
      {expanded && <TransferDetails transfer={transfer} />}
    </div>
  );
}
