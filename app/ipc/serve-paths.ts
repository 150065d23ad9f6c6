/** HTTP endpoints of `ferry serve` besides the page itself (no zod: the renderer imports it). */
export const SERVE_PATHS = {
  /** WebSocket upgrade: `?token=…`. */
  socket: '/bridge',
  /** `PUT /upload?token=…&folderId=…&path=rel/name` with the file as the body (browser drops). */
  upload: '/upload',
} as const;
