// @ts-check
// Scenario 5: watching a large tree. The tree is uploaded once (`ferry sync --once`, timed and
// reported as information), then each measured run starts `ferry sync --json` on it with that
// state dir — a restart of a folder Ferry already knows, the everyday case. Time to ready is
// from spawn until the `scan-finished` event (Ferry starts its watcher, waits for it to be ready,
// then scans), and peak RSS is the process's VmHWM two seconds after that.
import { join } from 'node:path';

import { makeFileSet } from '../datasets.mjs';
import { failureReason, interleaved, makeRow, MB } from '../lib/measurements.mjs';
import { peakRss, stop } from '../lib/processes.mjs';
import { emptyPrefix } from '../lib/rgw.mjs';
import { ferryTool, startFerryWatch, writeFerryConfig } from '../peers/ferry.mjs';
import { after, dataDir, passIf, sleep } from './shared.mjs';

const SETTLE_MS = 2_000;
const READY_TIMEOUT_MS = 10 * 60_000;
const PREP_TIMEOUT_MS = 90 * 60_000;

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function watchMany(ctx, shared) {
  const shape = shared.scale.watchTree;
  const set = await makeFileSet(dataDir(shared, 'watch-tree'), shape);
  ctx.log(`scenario 5: watching ${shape.count} files in ${shape.folders} folders`);
  const prefix = ctx.newPrefix();
  const stateDir = join(ctx.work, 'watch-tree-state');
  // Generous: a first upload of 100,000 files is long (and is not what is measured here).
  const first = await ferryTool(ctx).upload({
    dir: set.dir,
    prefix,
    stateDir,
    timeoutMs: PREP_TIMEOUT_MS,
  });
  ctx.log(
    `  first upload: ${first.code === 0 ? `${(first.wallMs / 1000).toFixed(1)} s` : failureReason(first)}`,
  );
  /** @type {string[]} */
  const watcherErrors = [];
  try {
    if (first.code !== 0) throw new Error(`the first upload failed: ${failureReason(first)}`);
    const runs = await interleaved(
      [{ id: 'ferry', unavailable: null }],
      shared.scale.repetitions,
      async () => {
        const { path } = await writeFerryConfig(ctx, { dir: set.dir, prefix, stateDir });
        /** @type {(event: Record<string, unknown>) => void} */
        let onFinished = () => {};
        const finished = new Promise((resolve) => (onFinished = resolve));
        const started = performance.now();
        const ferry = startFerryWatch(ctx, path, (event) => {
          if (event.type === 'scan-finished') onFinished(event);
          if (event.type === 'watcher-error') watcherErrors.push(String(event.message));
        });
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
            },
          };
        } finally {
          stop(ferry.child);
          await ferry.exited;
        }
      },
      ctx.log,
    );
    const perRun = runs.get('ferry') ?? [];
    const ready = makeRow(
      {
        tool: 'ferry-ready',
        label: 'Ferry, spawn → watching + scanned',
        role: 'ferry',
        unit: 's',
        better: 'lower',
      },
      perRun,
    );
    const rss = makeRow(
      { tool: 'ferry-rss', label: 'Ferry, peak RSS', role: 'ferry', unit: 'MB', better: 'lower' },
      perRun.map((run) => (run.ok ? { ...run, value: (run.peakRssBytes ?? 0) / MB } : run)),
    );
    const firstRow = makeRow(
      {
        tool: 'ferry-first-upload',
        label: `Ferry, first upload of the tree (information)`,
        role: 'info',
        unit: 's',
        better: 'lower',
      },
      [
        {
          ok: true,
          value: first.wallMs / 1000,
          wallMs: Math.round(first.wallMs),
          peakRssBytes: first.peakRssBytes,
        },
      ],
    );
    const full =
      shared.scale.name === 'full'
        ? ''
        : ' (the target is for 100,000 files; this scale has fewer)';
    return {
      id: 'watch-many-files',
      number: 5,
      title: `watching ${shape.count.toLocaleString('en')} files in ${shape.folders.toLocaleString('en')} folders`,
      params: { ...shape },
      rows: [ready, rss, firstRow],
      bestPeer: null,
      targets: [
        {
          text: `ready in ≤ 5 s${full}`,
          value: ready.median === null ? 'n/a' : `${ready.median.toFixed(2)} s`,
          pass: passIf(ready.median, (s) => s <= 5),
        },
        {
          text: `peak RSS ≤ 150 MB${full}`,
          value: rss.median === null ? 'n/a' : `${Math.round(rss.median)} MB`,
          pass: passIf(rss.median, (mb) => mb <= 150),
        },
      ],
      notes: [
        'For scale: chokidar 5 alone needed 10.8 s and ~595 MB for 100,000 files (shared/reference/toolchain.md).',
        ...(watcherErrors.length > 0
          ? [`watcher errors: ${[...new Set(watcherErrors)].join('; ')}`]
          : []),
      ],
      error: null,
    };
  } finally {
    await emptyPrefix(shared.admin, ctx.info, prefix);
  }
}
