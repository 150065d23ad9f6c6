import type { UiHost } from '../../app/ipc/contract.js';
import type { TransferView, TrayState, UiSnapshot } from '../../app/ipc/views.js';
import { mergeRecentTransfers } from '../../app/presentation/tray/recent-transfers.js';
import {
  buildTrayMenu,
  type TrayAction,
  type TrayMenuItem,
} from '../../app/presentation/tray/tray-menu.js';
import type { TrayStrings } from '../../app/presentation/tray/tray-strings.js';
import { traySummary } from '../../app/presentation/tray/tray-summary.js';

/** The tray as the controller drives it (main/electron/tray.ts implements it with Electron). */
export interface TrayView {
  showState(state: TrayState): void;
  setToolTip(text: string): void;
  setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): void;
}

export interface TrayControllerOptions {
  readonly host: UiHost;
  readonly view: TrayView;
  readonly strings: TrayStrings;
  readonly now: () => number;
  readonly showWindow: () => void;
  readonly quit: () => void;
  /** A tray action or the first load failed (the engine's own notices cover the user side). */
  readonly reportError: (error: unknown) => void;
  /** At most one tray update per interval: a first upload pushes many snapshots a second. */
  readonly updateIntervalMs?: number;
  /** Updates without pushes, so "expires in 4 min" keeps counting down. */
  readonly clockTickMs?: number;
}

export interface TrayController {
  runAction(action: TrayAction): Promise<void>;
  dispose(): void;
}

/**
 * Keeps the tray in step with the engine: icon per state, one-line tooltip, menu (pure builders
 * in app/tray), the last finished transfers from the transfer pushes. Updates are throttled
 * and only what changed is sent to the OS (rebuilding an open menu closes it on some desktops).
 */
export function startTrayController(options: TrayControllerOptions): TrayController {
  const { host, view, strings, now } = options;
  const intervalMs = options.updateIntervalMs ?? 500;
  let snapshot: UiSnapshot | undefined;
  let recent: TransferView[] = [];
  let shown: { state?: TrayState; toolTip?: string; menu?: string } = {};
  let lastRenderAt = Number.NEGATIVE_INFINITY;
  let pending: NodeJS.Timeout | undefined;
  let disposed = false;

  const runAction = async (action: TrayAction): Promise<void> => {
    try {
      await perform(action, options);
    } catch (error) {
      options.reportError(error);
    }
  };
  const onAction = (action: TrayAction) => void runAction(action);

  const render = () => {
    if (disposed || !snapshot) return;
    const at = now();
    lastRenderAt = at;
    if (shown.state !== snapshot.trayState) view.showState(snapshot.trayState);
    const toolTip = traySummary(snapshot, strings, at);
    if (shown.toolTip !== toolTip) view.setToolTip(toolTip);
    const items = buildTrayMenu({ snapshot, recent, strings, now: at });
    const menu = JSON.stringify(items);
    if (shown.menu !== menu) view.setMenu(items, onAction);
    shown = { state: snapshot.trayState, toolTip, menu };
  };

  const schedule = () => {
    if (disposed || pending) return;
    const wait = lastRenderAt + intervalMs - now();
    if (wait <= 0) {
      render();
      return;
    }
    pending = setTimeout(() => {
      pending = undefined;
      render();
    }, wait);
  };

  const unsubscribe = host.onPush((message) => {
    if (message.channel === 'snapshot:changed') snapshot = message.payload;
    else if (message.channel === 'transfers:changed') {
      recent = mergeRecentTransfers(recent, message.payload.upserts);
    } else return;
    schedule();
  });
  const tick = setInterval(schedule, options.clockTickMs ?? 30_000);

  void Promise.all([host.handlers['app:get-snapshot']({}), host.handlers['transfers:list']({})])
    .then(([first, transfers]) => {
      // A push that arrived meanwhile is newer than this answer.
      snapshot ??= first;
      recent = mergeRecentTransfers(mergeRecentTransfers([], transfers), recent);
      schedule();
    })
    .catch((error: unknown) => options.reportError(error));

  return {
    runAction,
    dispose() {
      disposed = true;
      unsubscribe();
      clearInterval(tick);
      clearTimeout(pending);
    },
  };
}

async function perform(action: TrayAction, options: TrayControllerOptions): Promise<void> {
  const { handlers } = options.host;
  switch (action.kind) {
    case 'open-window':
      options.showWindow();
      return;
    case 'quit':
      options.quit();
      return;
    case 'pause-all':
      await handlers['folders:pause']({});
      return;
    case 'resume-all':
      await handlers['folders:resume']({});
      return;
    case 'sync-now':
      await handlers['folders:sync-now']({});
      return;
    case 'open-folder':
      await handlers['folders:open']({ folderId: action.folderId });
      return;
    case 'refresh-credentials':
      await handlers['credentials:refresh']({ profileId: action.profileId });
      return;
    default:
      throw new Error(`Unexpected tray action ${JSON.stringify(action satisfies never)}`);
  }
}
