import { useSyncExternalStore } from 'react';

import type { ConnectionSource, ConnectionStatus } from '../bridge/connection.js';

export function useConnection(source: ConnectionSource): ConnectionStatus {
  return useSyncExternalStore(
    (onChange) => source.onConnection(onChange),
    () => source.connection(),
  );
}
