import { useCallback, useEffect, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { ConfigView } from '../../../app/ipc/views.js';

export interface ConfigDocument {
  readonly config: ConfigView | null;
  readonly error: string | null;
  reload: () => void;
}

/** The config file as a document (`config:get`), fetched when a form opens. */
export function useConfigDocument(bridge: FerryBridge): ConfigDocument {
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let active = true;
    bridge.invoke('config:get', {}).then(
      (view) => {
        if (!active) return;
        setConfig(view);
        setError(null);
      },
      (failure: unknown) => {
        if (active) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      active = false;
    };
  }, [bridge, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { config, error, reload };
}
