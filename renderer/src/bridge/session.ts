import type { FerryBridge } from '../../../app/ipc/contract.js';
import { SERVE_PATHS } from '../../../app/ipc/serve-paths.js';
import { createDesktopDropUploader } from '../drops/desktop-drop-uploader.js';
import type { DropUploader } from '../drops/drop-uploader.js';
import { createWebDropUploader } from '../drops/web-drop-uploader.js';
import { bridgeSocketUrl, browserSocketFactory, browserTimers } from './browser-socket.js';
import type { ConnectionSource } from './connection.js';
import { createDesktopBridge } from './desktop-bridge.js';
import { WebSocketBridge } from './ws-bridge.js';

/** Everything the UI needs to talk to the engine, whichever host it runs in. */
export interface BridgeSession {
  readonly bridge: FerryBridge;
  readonly connection: ConnectionSource;
  readonly drops: DropUploader;
  /** `desktop`: system dialogs through the bridge; `web`: file inputs and path completion. */
  readonly host: 'desktop' | 'web';
}

export type SessionChoice =
  | { readonly kind: 'ready'; readonly session: BridgeSession }
  /** A browser without the session `ferry serve`'s printed URL starts: nothing can work. */
  | { readonly kind: 'missing-token' };

export function createSession(win: Window): SessionChoice {
  const preload = win.ferry;
  if (preload) {
    const bridge = createDesktopBridge(preload);
    return {
      kind: 'ready',
      session: {
        bridge,
        connection: bridge,
        drops: createDesktopDropUploader(bridge, (file) => preload.pathForFile(file)),
        host: 'desktop',
      },
    };
  }
  // `ferry serve` trades the printed URL's token for an HttpOnly cookie on the first load and
  // marks the page it serves to such a browser (main/web/static-files.ts): the socket and
  // uploads then carry the cookie. A token still in the URL (a dev server) is used as is.
  const cookieSession = win.document.querySelector('meta[name="ferry-session"]') !== null;
  const token = cookieSession ? null : new URLSearchParams(win.location.search).get('token');
  if (!cookieSession && !token) return { kind: 'missing-token' };
  const bridge = new WebSocketBridge({
    url: bridgeSocketUrl(win.location, SERVE_PATHS.socket, token),
    connect: browserSocketFactory,
    timers: browserTimers,
  });
  return {
    kind: 'ready',
    session: {
      bridge,
      connection: bridge,
      drops: createWebDropUploader({
        token: token ?? '',
        fetch: (input, init) => win.fetch(input, init),
      }),
      host: 'web',
    },
  };
}
