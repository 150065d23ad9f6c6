import { useEffect } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import { useI18n } from '../i18n/i18n-context.js';
import { noticeText } from '../model/notice-text.js';
import type { PushToast } from './toast-context.js';

/** Engine notices (sync failed, credentials failing, drop finished…) become toasts, worded in
 *  the UI's language (issue 13). */
export function useNotices(bridge: FerryBridge, toast: PushToast): void {
  const i18n = useI18n();
  useEffect(
    () =>
      bridge.on('notice', (notice) => toast({ level: notice.level, ...noticeText(notice, i18n) })),
    [bridge, toast, i18n],
  );
}
