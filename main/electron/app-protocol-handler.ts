import { readFile } from 'node:fs/promises';

import { protocol } from 'electron';

import { APP_SCHEME, appProtocolHeaders, resolveAppRequest } from './app-protocol.js';

/**
 * Must run before `app` is ready (Electron requires privileged schemes to be known at start).
 * `standard` gives app:// real origins and relative URLs, `secure` makes it a secure context
 * like https, `supportFetchAPI` + `corsEnabled` let Vite's `<script type="module" crossorigin>`
 * load. No `bypassCSP`, no service workers.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes (2026-11)
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves `rendererDir` on app://ferry/ (after ready). Anything else is a 404. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppRequest(rendererDir, request.url);
    if (path === null) return new Response('Not found', { status: 404 });
    try {
      // Electron's fs reads inside app.asar.
      return new Response(await readFile(path), { headers: appProtocolHeaders(path) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
