import type { ReactNode } from 'react';

import type { TransferTotals } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { useRequest } from '../../hooks/use-request.js';
import { useToast } from '../../hooks/toast-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { TRANSFER_FILTERS, type TransferFilter } from '../../model/transfer-filter.js';

const FILTER_LABELS: Record<TransferFilter, MessageKey> = {
  all: 'filterAll',
  active: 'filterActive',
  queued: 'filterQueued',
  failed: 'filterFailed',
  done: 'filterDone',
};

interface TransferToolbarProps {
  readonly totals: TransferTotals;
  readonly counts: Record<TransferFilter, number>;
  readonly filter: TransferFilter;
  readonly onFilter: (filter: TransferFilter) => void;
  /** Shown before "Retry failed" (the "Upload files…" button). */
  readonly actions?: ReactNode;
}

/** Totals across every transfer, the state filter and "Retry failed". */
export function TransferToolbar(props: TransferToolbarProps) {
  const { totals, counts, filter, onFilter, actions } = props;
  const { t, tp, number, speed } = useI18n();
  const scanFailed = Math.max(0, totals.failed - counts.failed);
  const { bridge } = useSession();
  const toast = useToast();
  const retry = useRequest();

  const retryFailed = async (): Promise<void> => {
    const { retried } = await bridge.invoke('transfers:retry', {});
    toast({ level: 'info', title: tp('retried', retried) });
  };

  return (
    <div className="toolbar">
      <dl className="totals" aria-label={t('totalsLabel')}>
        <div>
          <dt>{t('totalActive')}</dt>
          <dd>{number(counts.active)}</dd>
        </div>
        <div>
          <dt>{t('totalQueued')}</dt>
          <dd>{number(counts.queued)}</dd>
        </div>
        <div className={counts.failed > 0 ? 'totals__item--error' : undefined}>
          <dt>{t('totalFailed')}</dt>
          {/* The rows' own count, as on the Failed tab (issue 13: "Failed 3" beside "Failed
              10"); paths the scan could not read are not rows: named apart. */}
          <dd data-testid="total-failed">{number(counts.failed)}</dd>
          {scanFailed > 0 && <dd className="totals__note">{tp('failedScanMore', scanFailed)}</dd>}
        </div>
        <div>
          <dt>{t('totalSpeed')}</dt>
          <dd>{speed(totals.bytesPerSecond)}</dd>
        </div>
      </dl>
      <div className="toolbar__row">
        <div className="segmented" role="group" aria-label={t('filterLabel')}>
          {TRANSFER_FILTERS.map((option) => (
            <button
              key={option}
              type="button"
              className="segmented__option"
              aria-pressed={option === filter}
              data-testid={`transfer-filter-${option}`}
              onClick={() => onFilter(option)}
            >
              {t(FILTER_LABELS[option])}
              <span className="segmented__count">{number(counts[option])}</span>
            </button>
          ))}
        </div>
        <div className="toolbar__actions">
          {actions}
          <button
            type="button"
            className="button"
            data-testid="retry-failed"
            disabled={retry.busy || (totals.failed === 0 && counts.failed === 0)}
            onClick={() => void retry.run(t('retryFailedError'), retryFailed)}
          >
            <span aria-hidden="true">↻</span> {t('retryFailed')}
          </button>
        </div>
      </div>
    </div>
  );
}
