import { join, sep } from 'node:path';

import { contentTypeOf } from '../web/content-types.js';

/**
 * The renderer is served from `app://ferry/…` instead of file:// (Electron security checklist
 * #18, "avoid usage of the file protocol and prefer usage of custom protocols",
 * https://www.electronjs.org/docs/latest/tutorial/security, 2026-11): a file:// page may read
 * any other file:// URL, while this origin serves only the packaged renderer directory, and it
 * can carry response headers (the CSP below). Pure functions here; `app-protocol-handler.ts`
 * wires them to Electron's `protocol`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ferry';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads (and the only page the IPC sender check accepts). */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * The file under `root` an app:// URL names, or null: another scheme or host, a segment that
 * decodes to `.`/`..` or contains a slash, backslash, colon or NUL, or bad percent-encoding.
 * (Chromium already removes literal dot segments; encoded ones and separators are ours to
 * refuse.) The query and fragment are ignored; "/" is the page.
 */
export function resolveAppRequest(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const parts: string[] = [];
  for (const segment of url.pathname.split('/')) {
    if (segment === '') continue;
    let part: string;
    try {
      part = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (part === '.' || part === '..' || /[\\/:\0]/.test(part)) return null;
    parts.push(part);
  }
  const path = join(root, ...(parts.length === 0 ? ['index.html'] : parts));
  return path.startsWith(root + sep) ? path : null;
}

/**
 * The desktop page's Content-Security-Policy, as a response header (a <meta> tag is applied
 * only once the parser reaches it and cannot set frame-ancestors). The window talks to the
 * engine through the preload's IPC only, so it may connect nowhere: no ws:, no http:.
 */
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of every app:// response. */
export function appProtocolHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(path),
    'Content-Security-Policy': DESKTOP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
