import type { SERVE_PATHS } from '../../../app/ipc/wire.js';

/**
 * The `ferry serve` endpoints (app/ipc/wire.ts). Copied rather than imported so the page does
 * not bundle wire.ts's zod schema; `satisfies` fails the build if the two ever differ.
 */
export const SERVE_ENDPOINTS = {
  socket: '/bridge',
  upload: '/upload',
} as const satisfies typeof SERVE_PATHS;
