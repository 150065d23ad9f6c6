import { useEffect } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { PushToast } from './toast-context.js';

/** Engine notices (sync failed, credentials failing, drop finished…) become toasts. */
export function useNotices(bridge: FerryBridge, toast: PushToast): void {
  useEffect(
    () =>
      bridge.on('notice', (notice) =>
        toast({ level: notice.level, title: notice.title, body: notice.body }),
      ),
    [bridge, toast],
  );
}
