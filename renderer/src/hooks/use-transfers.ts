import { useEffect, useRef, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { TransferView } from '../../../app/ipc/views.js';
import { SpeedTracker } from '../model/speed-tracker.js';
import {
  applyUpserts,
  EMPTY_TRANSFER_LIST,
  replaceTransfers,
  type TransferList,
} from '../model/transfer-list.js';

/** Pushes are merged at most this often: a 20,000-file first sync must not re-render per file. */
const FLUSH_INTERVAL_MS = 150;

export interface TransfersState {
  readonly list: TransferList;
  readonly speeds: SpeedTracker;
  readonly loaded: boolean;
}

/**
 * Transfer rows: the full list once per connection, then `transfers:changed` upserts. Both
 * bridges deliver in order, so an upsert that arrives before the list's reply is older than the
 * list and is dropped; later ones are batched.
 */
export function useTransfers(bridge: FerryBridge, generation: number): TransfersState {
  const speeds = useRef(new SpeedTracker()).current;
  const [state, setState] = useState<{ list: TransferList; loaded: boolean }>({
    list: EMPTY_TRANSFER_LIST,
    loaded: false,
  });

  useEffect(() => {
    if (generation === 0) return undefined;
    let active = true;
    let loaded = false;
    let timer: number | null = null;
    const buffered = new Map<number, TransferView>();

    const flush = (): void => {
      timer = null;
      if (!active || buffered.size === 0) return;
      const upserts = [...buffered.values()];
      buffered.clear();
      speeds.observe(upserts, Date.now());
      setState((current) => ({ list: applyUpserts(current.list, upserts), loaded: true }));
    };

    const unsubscribe = bridge.on('transfers:changed', ({ upserts }) => {
      if (!loaded) return;
      for (const transfer of upserts) buffered.set(transfer.id, transfer);
      if (timer === null) timer = window.setTimeout(flush, FLUSH_INTERVAL_MS);
    });

    bridge.invoke('transfers:list', {}).then(
      (transfers) => {
        if (!active) return;
        loaded = true;
        speeds.reset();
        speeds.observe(transfers, Date.now());
        setState({ list: replaceTransfers(transfers), loaded: true });
      },
      () => {
        // The connection banner or the snapshot error explains it; a reconnect fetches again.
      },
    );

    return () => {
      active = false;
      if (timer !== null) window.clearTimeout(timer);
      unsubscribe();
    };
  }, [bridge, generation, speeds]);

  return { ...state, speeds };
}
