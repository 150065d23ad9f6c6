import { useMemo } from 'react';

import type { TransferTotals } from '../../../../app/ipc/views.js';
import { EmptyState } from '../../components/empty-state.js';
import { UploadFilesButton } from '../../components/upload-files-button.js';
import type { TransfersState } from '../../hooks/use-transfers.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import {
  countByFilter,
  filterTransfers,
  type TransferFilter,
} from '../../model/transfer-filter.js';
import { TransferList } from './transfer-list.js';
import { TransferToolbar } from './transfer-toolbar.js';

const EMPTY: Record<TransferFilter, MessageKey> = {
  all: 'transfersEmpty',
  active: 'transfersEmptyActive',
  queued: 'transfersEmptyQueued',
  failed: 'transfersEmptyFailed',
  done: 'transfersEmptyDone',
};

interface TransfersViewProps {
  readonly transfers: TransfersState;
  readonly totals: TransferTotals;
  readonly filter: TransferFilter;
  readonly onFilter: (filter: TransferFilter) => void;
  /** Folders that are paused: their queued rows say "Paused", not "Queued". */
  readonly pausedFolders: ReadonlySet<string>;
}

export function TransfersView(props: TransfersViewProps) {
  const { transfers, totals, filter, onFilter: setFilter, pausedFolders } = props;
  const { t } = useI18n();
  const { rows } = transfers.list;
  const counts = useMemo(() => countByFilter(rows), [rows]);
  const visible = useMemo(() => filterTransfers(rows, filter), [rows, filter]);

  return (
    <div className="transfers-view">
      <TransferToolbar
        totals={totals}
        counts={counts}
        filter={filter}
        onFilter={setFilter}
        actions={<UploadFilesButton />}
      />
      <TransferList
        rows={visible}
        speeds={transfers.speeds}
        pausedFolders={pausedFolders}
        empty={<EmptyState icon="⇅" title={transfers.loaded ? t(EMPTY[filter]) : t('loading')} />}
      />
    </div>
  );
}
