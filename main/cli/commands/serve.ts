import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import type { UploadLimits } from '../../web/upload-limits.js';
import { rendererBuilt, startWebServer } from '../../web/web-server.js';
import { startFerryUiHost } from '../../ui-host/ferry-ui-host.js';
import { installRoot } from '../install-root.js';
import type { CommandIo } from './check.js';

export interface ServeFlags {
  readonly config: string;
  readonly port: number;
  /** From --max-upload-bytes, --max-staging-bytes, --max-concurrent-uploads. */
  readonly limits?: Partial<UploadLimits>;
}

/** Where `npm run build` puts the renderer: out/renderer under the install root (found by
 *  walking up, since this module runs from out/main/cli/commands/ and from the CLI bundle). */
const RENDERER_DIR = join(installRoot() ?? process.cwd(), 'out', 'renderer');

/**
 * `ferry serve --config FILE [--port N]`: the engine plus the desktop app's UI in a browser,
 * for machines without a desktop. Listens on 127.0.0.1 only; the printed URL carries the access
 * token. Runs until Ctrl+C. A missing config file is not an error here: the page offers the
 * first-run setup and writes the file.
 */
export async function serveCommand(
  flags: ServeFlags,
  secrets: SecretStore,
  io: CommandIo,
): Promise<number> {
  if (!rendererBuilt(RENDERER_DIR)) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `The web UI is not built (${RENDERER_DIR} is missing).`,
      {
        hint: 'Run "npm run build" first (npm run serve does both).',
      },
    );
  }
  const host = await startFerryUiHost({ configPath: resolve(flags.config), secrets, host: 'web' });
  let server;
  try {
    server = await startWebServer({
      host,
      port: flags.port,
      rendererDir: RENDERER_DIR,
      stagingDir: join(tmpdir(), `ferry-serve-${randomBytes(6).toString('hex')}`),
      ...(flags.limits ? { limits: flags.limits } : {}),
    });
  } catch (error) {
    await host.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new SyncError('config-invalid', 'fatal', `Port ${flags.port} on 127.0.0.1 is in use.`, {
        hint: 'Choose another with --port N (0 picks a free one).',
      });
    }
    throw error;
  }
  // The access token is the point of this line: it bypasses the output redaction.
  (io.outVerbatim ?? io.out)(`Ferry web UI: ${server.url}\n`);
  io.err(
    'Open the URL above in a browser on this machine. It contains the access token; the page ' +
      'trades it for a cookie and drops it from the address bar. Press Ctrl+C to stop.\n',
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  io.err('Stopping…\n');
  await server.close();
  await host.stop();
  return 0;
}

export const DEFAULT_SERVE_PORT = 7421;

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "5GiB", "512M", "1000" → bytes; null for anything else (zero and negatives included). */
export function parseByteSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) return null;
  const bytes = Math.floor(
    Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN),
  );
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}
