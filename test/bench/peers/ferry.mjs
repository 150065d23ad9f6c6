// @ts-check
// Ferry itself: the bundled CLI (`node <build>/cli/ferry.js`), configured like a user would, with
// its normal assume-role flow (alice's key from FERRY_SECRET_BENCH, a generated session policy):
// its own STS call is part of its measured time.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { cleanEnv } from '../lib/context.mjs';
import { measure, start } from '../lib/processes.mjs';

const PROFILE = 'bench';
let configs = 0;

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 */
export function ferryPaths(ctx) {
  return { cli: join(ctx.ferryBuild, 'cli', 'ferry.js') };
}

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {boolean} [tls]  trust the bench CA: NODE_EXTRA_CA_CERTS ("extend the well known
 *   "root" CAs with the extra certificates in file", Node.js 20 CLI docs, read 2026-11-30)
 */
export function ferryEnv(ctx, tls = false) {
  const env = cleanEnv({
    FERRY_SECRET_BENCH: ctx.info.user.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(tls ? { NODE_EXTRA_CA_CERTS: ctx.gateway.caFile } : {}),
  });
  // Ferry chooses its file watcher itself unless a scenario says otherwise.
  delete env.FERRY_WATCHER;
  return env;
}

/**
 * Writes a config for one folder and returns its path; `stateDir` is fresh unless given.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/context.mjs').UploadJob} job
 */
export async function writeFerryConfig(ctx, job) {
  configs += 1;
  const stateDir = job.stateDir ?? join(ctx.work, 'ferry-state', String(configs));
  await mkdir(stateDir, { recursive: true });
  const config = {
    profiles: [
      {
        id: PROFILE,
        endpoint: job.tls ? ctx.gateway.https : ctx.info.endpoint,
        region: ctx.info.region,
        forcePathStyle: true,
        credentials: {
          source: 'assume-role',
          accessKeyId: ctx.info.user.accessKeyId,
          roleArn: ctx.info.roleArn,
          roleSessionName: 'ferry-bench',
          durationSeconds: 3600,
          maxDurationSeconds: 3600,
        },
      },
    ],
    folders: [
      {
        id: 'data',
        path: job.dir,
        profile: PROFILE,
        bucket: ctx.info.bucket,
        prefix: job.prefix,
        mode: 'upload',
      },
    ],
    transfers: {
      concurrency: ctx.ferry.concurrency,
      partConcurrency: ctx.ferry.partConcurrency,
      partSize: ctx.ferry.partSize,
    },
    stateDir,
  };
  const path = join(ctx.work, `ferry-${configs}.json`);
  await writeFile(path, JSON.stringify(config, null, 2));
  return { path, stateDir };
}

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @returns {import('../lib/context.mjs').Tool}
 */
export function ferryTool(ctx) {
  const s = ctx.ferry;
  return {
    id: 'ferry',
    label: 'Ferry',
    role: 'ferry',
    unavailable: null,
    settings: `ferry sync --once; concurrency ${s.concurrency}, partConcurrency ${s.partConcurrency}, partSize ${s.partSize / 2 ** 20} MiB (its defaults)`,
    upload: async (job) => {
      const { path } = await writeFerryConfig(ctx, job);
      return measure('node', [ferryPaths(ctx).cli, 'sync', '--config', path, '--once'], {
        env: ferryEnv(ctx, job.tls),
        timeoutMs: job.timeoutMs ?? ctx.timeoutMs,
      });
    },
  };
}

/**
 * `ferry sync --json` (watch mode) in the background; NDJSON events go to `onEvent`.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {string} configPath
 * @param {(event: Record<string, unknown>) => void} onEvent
 * @param {Record<string, string>} [extraEnv]  e.g. FERRY_WATCHER=chokidar
 */
export function startFerryWatch(ctx, configPath, onEvent, extraEnv = {}) {
  return start('node', [ferryPaths(ctx).cli, 'sync', '--config', configPath, '--json'], {
    env: { ...ferryEnv(ctx), ...extraEnv },
    onLine: (line) => {
      if (!line.startsWith('{')) return;
      try {
        onEvent(/** @type {Record<string, unknown>} */ (JSON.parse(line)));
      } catch {
        // not an event line
      }
    },
  });
}
