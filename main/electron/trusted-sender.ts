import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-protocol.js';

/**
 * Who may call the engine (Electron security checklist #17, "validate the sender of all IPC
 * messages"): only the main frame of our own window, showing our own page. A subframe, another
 * webContents (a devtools extension, a future second window) or a page we navigated to by
 * mistake is refused before any argument is looked at. Written against the few fields it reads,
 * so it is testable without Electron.
 */

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of Electron's `IpcMainInvokeEvent` the check reads. */
export interface SenderEventLike {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: FrameLike | null;
}

/** Our window's webContents, as far as the check is concerned. */
export interface OwnContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
}

export interface TrustedSenderOptions {
  /** Our window's contents; undefined before the window exists or after it is gone. */
  readonly contents: () => OwnContentsLike | undefined;
  /** The URL of the renderer page we load: app://ferry/index.html (or a file:// URL). */
  readonly rendererUrl: string;
  /** Compare paths case-insensitively (Windows and macOS file systems). */
  readonly caseInsensitivePaths: boolean;
}

export function createTrustedSenderCheck(
  options: TrustedSenderOptions,
): (event: SenderEventLike) => boolean {
  const expected = pageKey(options.rendererUrl, options.caseInsensitivePaths);
  if (expected === null) throw new Error(`Not a page URL: ${options.rendererUrl}`);
  return (event) => {
    const contents = options.contents();
    if (!contents || contents.isDestroyed()) return false;
    if (event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    // Main frame only: same object as the window's main frame, and no parent to be sure.
    if (frame === null || frame.parent !== null || frame !== contents.mainFrame) return false;
    return pageKey(frame.url, options.caseInsensitivePaths) === expected;
  };
}

/** A page URL without its query and fragment: app://ferry/<path> ("/" is the page), or a
 *  file:// path; null for anything else. */
function pageKey(url: string, caseInsensitive: boolean): string | null {
  if (url.startsWith(`${APP_ORIGIN}/`)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
    return `${APP_ORIGIN}${parsed.pathname === '/' ? '/index.html' : parsed.pathname}`;
  }
  const path = fileUrlPath(url, caseInsensitive);
  return path === null ? null : `file:${path}`;
}

/**
 * The decoded path of a file:// URL on this machine, ignoring the query and the fragment (the
 * renderer may route with `#/settings`); null for anything that is not a local file URL.
 */
export function fileUrlPath(url: string, caseInsensitive: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  return caseInsensitive ? path.toLowerCase() : path;
}
