import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

import type { TransferView } from '../../../../app/ipc/views.js';
import { useNow } from '../../hooks/use-now.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SpeedTracker } from '../../lib/speed-tracker.js';
import { TransferRow } from './transfer-row.js';

/** Every row has this height, so the list can be virtualised without measuring. */
const ROW_HEIGHT = 64;

interface TransferListProps {
  readonly rows: readonly TransferView[];
  readonly speeds: SpeedTracker;
  /** Shown inside the list when there are no rows (the list itself stays, for tests too). */
  readonly empty: ReactNode;
}

/** Only the rows in view (plus a few) are in the DOM: 10,000 rows scroll like 20. */
export function TransferList({ rows, speeds, empty }: TransferListProps) {
  const { t } = useI18n();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  return (
    <div
      ref={scroller}
      className="transfer-list"
      data-testid="transfer-list"
      role="list"
      aria-label={t('transferListLabel')}
      tabIndex={0}
    >
      {rows.length === 0 && empty}
      <div
        className="transfer-list__spacer"
        role="presentation"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const transfer = rows[item.index];
          if (!transfer) return null;
          return (
            <TransferRow
              key={item.key}
              transfer={transfer}
              speeds={speeds}
              now={now}
              position={item.index + 1}
              total={rows.length}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}
