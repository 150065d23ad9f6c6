// @ts-check
// One measured start of `ferry sync --json` on a folder Ferry already knows (scenario 5 and its
// curve): spawn → the `scan-finished` event, the peak RSS (VmHWM) two seconds after that, and
// which watcher Ferry chose, read from its log.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { peakRss, stop } from '../lib/processes.mjs';
import { startFerryWatch, writeFerryConfig } from '../peers/ferry.mjs';
import { after, sleep } from './shared.mjs';

const SETTLE_MS = 2_000;
const READY_TIMEOUT_MS = 10 * 60_000;

/**
 * One start of `ferry sync --json` on a folder it knows: spawn → scan-finished, and peak RSS.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/context.mjs').UploadJob} job
 * @param {Record<string, string>} env
 * @param {string[]} watcherErrors
 * @returns {Promise<import('../lib/measurements.mjs').Run>}
 */
export async function watchOnce(ctx, job, env, watcherErrors) {
  const { path } = await writeFerryConfig(ctx, job);
  /** @type {(event: Record<string, unknown>) => void} */
  let onFinished = () => {};
  const finished = new Promise((resolve) => (onFinished = resolve));
  const logBefore = await readLog(job.stateDir ?? '');
  const started = performance.now();
  const ferry = startFerryWatch(
    ctx,
    path,
    (event) => {
      if (event.type === 'scan-finished') onFinished(event);
      if (event.type === 'watcher-error') watcherErrors.push(String(event.message));
    },
    env,
  );
  try {
    const outcome = await Promise.race([
      finished,
      ferry.exited.then((code) => `exited with ${code}`),
      after(READY_TIMEOUT_MS, 'no scan-finished event in time'),
    ]);
    if (typeof outcome === 'string') {
      return {
        ok: false,
        error: `${outcome}: ${ferry.output().stderr.trim().split('\n').at(-1) ?? ''}`,
      };
    }
    const readyMs = performance.now() - started;
    const pid = ferry.child.pid ?? 0;
    const atReady = await peakRss(pid);
    await sleep(SETTLE_MS);
    const peak = Math.max(atReady, await peakRss(pid));
    const event = /** @type {Record<string, unknown>} */ (outcome);
    const watcher = watcherInLog((await readLog(job.stateDir ?? '')).slice(logBefore.length));
    return {
      ok: true,
      value: readyMs / 1000,
      wallMs: Math.round(readyMs),
      peakRssBytes: peak,
      extra: {
        scanMs: event.durationMs,
        files: event.files,
        uploads: event.uploads,
        rssAtReadyBytes: atReady,
        watcher,
      },
    };
  } finally {
    stop(ferry.child);
    await ferry.exited;
  }
}

/** Ferry's log so far ('' before its first run). @param {string} stateDir */
async function readLog(stateDir) {
  return readFile(join(stateDir, 'ferry.log'), 'utf8').catch(() => '');
}

/**
 * Which watcher a run's log lines say Ferry chose (main/adapters/watcher/select-watcher.ts);
 * a build without the selector logs nothing and runs chokidar.
 * @param {string} log
 */
function watcherInLog(log) {
  if (/file watcher: @parcel\/watcher/.test(log)) return '@parcel/watcher';
  if (/file watcher: chokidar/.test(log)) return 'chokidar';
  return 'chokidar, not selected';
}
