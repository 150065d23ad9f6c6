import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';

import { contentTypeOf } from './content-types.js';

/** The page's security headers: no framing, no referrer (the first URL holds the token), strict
 *  CSP whose only connection is this server's own bridge. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Tells the page that this browser holds the session cookie (HttpOnly: scripts cannot see it),
 * so it connects the bridge instead of showing "open the URL printed by ferry serve".
 * `renderer/src/bridge/session.ts` reads it.
 */
export const SESSION_META = '<meta name="ferry-session" content="cookie">';

/** Serves the built renderer (`out/renderer`); anything outside it is not found, a path that
 *  is not valid percent-encoding is a 400. */
export async function serveStatic(
  root: string,
  pathname: string,
  response: ServerResponse,
  headers: Record<string, string>,
  page: { readonly session: boolean } = { session: false },
): Promise<void> {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  } catch {
    response.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Bad request: the path is not valid percent-encoding.\n');
    return;
  }
  const path = normalize(join(root, relative));
  if (!path.startsWith(root + sep)) return notFound(response, headers);
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return notFound(response, headers);
  }
  if (relative === 'index.html' && page.session) {
    body = Buffer.from(body.toString('utf8').replace('</head>', `${SESSION_META}</head>`));
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(path),
    // Vite's assets carry a content hash; the page itself must always be fresh.
    'Cache-Control': relative === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  response.end(body);
}

function notFound(response: ServerResponse, headers: Record<string, string>): void {
  response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Not found\n');
}
