import { Notification } from 'electron';

import type { UiHost } from '../../app/ipc/contract.js';
import type { Notice } from '../../app/ipc/views.js';
import { nativeNoticeText } from '../../app/presentation/native-notice-text.js';
import type { TrayStrings } from '../../app/presentation/tray/tray-strings.js';
import { coalescedBody, NoticeCoalescer } from './notice-coalescer.js';

/** Native notifications for what happens while the window is closed (anchors pain point 12). */
const NOTIFIED_KINDS: ReadonlySet<Notice['kind']> = new Set([
  'sync-failed',
  'credentials-failed',
  'drop-finished',
]);

export function startNotifications(options: {
  readonly host: UiHost;
  readonly strings: TrayStrings;
  /** False while the window is in front: its own toasts already show the notice. */
  readonly shouldNotify: () => boolean;
  readonly showWindow: () => void;
}): () => void {
  if (!Notification.isSupported()) return () => undefined;
  // Electron drops the click handler of a notification that was garbage-collected; keep each
  // one referenced until it is clicked or closed.
  const live = new Set<Notification>();
  const coalescer = new NoticeCoalescer({
    kinds: NOTIFIED_KINDS,
    windowMs: 30_000,
    now: Date.now,
    show: (coalesced) => {
      // In the desktop's language, the one the tray speaks (issue 13).
      const text = nativeNoticeText(coalesced.notice, options.strings.locale);
      const notification = new Notification({
        title: text.title,
        body: coalescedBody(
          { ...coalesced, notice: { ...coalesced.notice, ...text } },
          options.strings.more,
        ),
      });
      live.add(notification);
      const forget = () => live.delete(notification);
      notification.on('click', () => {
        forget();
        options.showWindow();
      });
      notification.on('close', forget);
      notification.on('failed', forget);
      notification.show();
    },
  });
  const unsubscribe = options.host.onPush((message) => {
    if (message.channel === 'notice' && options.shouldNotify()) coalescer.push(message.payload);
  });
  return () => {
    unsubscribe();
    coalescer.dispose();
    live.clear();
  };
}
