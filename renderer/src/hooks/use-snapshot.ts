import { useEffect, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { UiSnapshot } from '../../../app/ipc/views.js';

export interface SnapshotState {
  readonly snapshot: UiSnapshot | null;
  /** Why the first fetch failed (shown until a snapshot arrives). */
  readonly error: Error | null;
}

/** Keeps whichever snapshot is newer: a slow fetch must not undo a push that overtook it. */
function newer(current: UiSnapshot | null, next: UiSnapshot): UiSnapshot {
  return current && current.generatedAt > next.generatedAt ? current : next;
}

/**
 * The engine's state: fetched once per connection (`generation` changes after a reconnect,
 * when pushes may have been missed) and kept current by `snapshot:changed` pushes.
 */
export function useSnapshot(bridge: FerryBridge, generation: number): SnapshotState {
  const [state, setState] = useState<SnapshotState>({ snapshot: null, error: null });
  useEffect(() => {
    if (generation === 0) return undefined;
    let active = true;
    const unsubscribe = bridge.on('snapshot:changed', (snapshot) => {
      setState((current) => ({ snapshot: newer(current.snapshot, snapshot), error: null }));
    });
    bridge.invoke('app:get-snapshot', {}).then(
      (snapshot) => {
        if (active) {
          setState((current) => ({ snapshot: newer(current.snapshot, snapshot), error: null }));
        }
      },
      (error: unknown) => {
        if (active) {
          setState((current) => ({
            snapshot: current.snapshot,
            error: error instanceof Error ? error : new Error(String(error)),
          }));
        }
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [bridge, generation]);
  return state;
}
