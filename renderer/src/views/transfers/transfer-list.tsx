import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, useState, type ReactNode } from 'react';

import type { TransferView } from '../../../../app/ipc/views.js';
import { useNow } from '../../hooks/use-now.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SpeedTracker } from '../../model/speed-tracker.js';
import { TransferRow } from './transfer-row.js';

/** A collapsed row's height; an expanded one (its details shown) is measured. */
const ROW_HEIGHT = 64;

interface TransferListProps {
  readonly rows: readonly TransferView[];
  readonly speeds: SpeedTracker;
  readonly pausedFolders: ReadonlySet<string>;
  /** Shown inside the list when there are no rows (the list itself stays, for tests too). */
  readonly empty: ReactNode;
}

/** Only the rows in view (plus a few) are in the DOM: 10,000 rows scroll like 20. */
export function TransferList({ rows, speeds, pausedFolders, empty }: TransferListProps) {
  const { t } = useI18n();
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  // By row id: ids are stable (one per file), so a row stays open while it updates.
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback((id: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (expanded.has(rows[index]?.id ?? -1) ? 3 * ROW_HEIGHT : ROW_HEIGHT),
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
              folderPaused={pausedFolders.has(transfer.folderId)}
              now={now}
              position={item.index + 1}
              total={rows.length}
              index={item.index}
              rowRef={virtualizer.measureElement}
              expanded={expanded.has(transfer.id)}
              onToggle={() => toggle(transfer.id)}
              style={{ transform: `translateY(${item.start}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}
