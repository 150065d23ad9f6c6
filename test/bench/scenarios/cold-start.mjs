// @ts-check
// Scenario 6: cold start. `ferry sync --once` on a folder holding one new 16 KiB file, with a
// fresh state dir: spawn to exit (the target), its peak RSS and CPU. Module loading is reported
// beside it as a process that only imports the sync command's module graph (commands/sync.js:
// the composition root, the SDK clients it imports, SQLite, zod) minus `node -e 0`. Since the
// CLI loads each command lazily, `ferry help` loads 17 modules and no longer stands for that
// (its time is kept as its own row). Modules the sync command imports only when a token is
// fetched (the STS client) are in the exit time, not in this figure. Interleaved.
//
// The same run's peak RSS is Ferry's fixed overhead, against which scenario 2's large-file peak
// is judged ("RSS bounded by parts in flight"); that target is added to scenario 2's result.
import { makeFileSet } from '../datasets.mjs';
import { failureReason, interleaved, makeRow, MB, MiB } from '../lib/measurements.mjs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { measure } from '../lib/processes.mjs';
import { ferryEnv, ferryPaths } from '../peers/ferry.mjs';
import { uploadRun } from './upload-run.mjs';
import { dataDir, passIf } from './shared.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function coldStart(ctx, shared) {
  const ferryTool = shared.tools.find((tool) => tool.id === 'ferry');
  if (!ferryTool) throw new Error('no Ferry tool');
  const set = await makeFileSet(dataDir(shared, 'one-small-file'), {
    count: 1,
    size: 16 * 1024,
    folders: 1,
  });
  ctx.log('scenario 6: cold start, `ferry sync --once` on one new file; module loading');
  const probes = [
    { id: 'sync', unavailable: null },
    { id: 'help', unavailable: null },
    { id: 'sync-modules', unavailable: null },
    { id: 'bare-node', unavailable: null },
  ];
  const runs = await interleaved(
    probes,
    shared.scale.repetitions,
    async (probe) => {
      if (probe.id === 'sync') {
        // A fresh prefix and state dir each time: the file is new to Ferry and to the store.
        return uploadRun(ctx, shared.admin, ferryTool, set, (ms) => ms / 1000);
      }
      const cli = ferryPaths(ctx).cli;
      const syncModule = pathToFileURL(join(dirname(cli), 'commands', 'sync.js')).href;
      const args =
        probe.id === 'help'
          ? [cli, 'help']
          : probe.id === 'sync-modules'
            ? ['--input-type=module', '-e', `await import(${JSON.stringify(syncModule)});`]
            : ['-e', '0'];
      const measured = await measure('node', args, { env: ferryEnv(ctx), timeoutMs: 60_000 });
      if (measured.code !== 0) return { ok: false, error: failureReason(measured) };
      return {
        ok: true,
        value: measured.wallMs / 1000,
        wallMs: Math.round(measured.wallMs),
        peakRssBytes: measured.peakRssBytes,
        cpuSeconds: measured.cpuSeconds,
      };
    },
    ctx.log,
  );
  const exit = makeRow(
    {
      tool: 'ferry',
      label: 'Ferry, `sync --once`, one new 16 KiB file: spawn → exit',
      role: 'ferry',
      unit: 's',
      better: 'lower',
    },
    runs.get('sync') ?? [],
  );
  const help = makeRow(
    {
      tool: 'ferry-help',
      label: '`node ferry.js help` (loads the CLI and the help text only)',
      role: 'info',
      unit: 's',
      better: 'lower',
    },
    runs.get('help') ?? [],
  );
  const bare = makeRow(
    {
      tool: 'node-bare',
      label: '`node -e 0` (Node start-up alone)',
      role: 'info',
      unit: 's',
      better: 'lower',
    },
    runs.get('bare-node') ?? [],
  );
  const syncModules = makeRow(
    {
      tool: 'ferry-sync-modules',
      label: "importing the sync command's modules",
      role: 'info',
      unit: 's',
      better: 'lower',
    },
    runs.get('sync-modules') ?? [],
  );
  const loading =
    syncModules.median !== null && bare.median !== null ? syncModules.median - bare.median : null;
  const loadingRow = makeRow(
    {
      tool: 'ferry-module-loading',
      label: "module loading (the sync command's modules − node -e 0)",
      role: 'info',
      unit: 's',
      better: 'lower',
    },
    loading === null ? [] : [{ ok: true, value: loading }],
    loading === null ? 'a probe failed' : null,
  );
  const rss = makeRow(
    {
      tool: 'ferry-one-file-rss',
      label: 'Ferry, one new file: peak RSS (fixed overhead)',
      role: 'info',
      unit: 'MB',
      better: 'lower',
    },
    (runs.get('sync') ?? []).map((run) =>
      run.ok && run.peakRssBytes ? { ...run, value: run.peakRssBytes / MB } : { ...run, ok: false },
    ),
  );
  boundLargeFileRss(ctx, shared, rss.median);
  return {
    id: 'cold-start',
    number: 6,
    title: 'cold start: `ferry sync --once` on one new file',
    params: { fileBytes: 16 * 1024 },
    rows: [exit, loadingRow, syncModules, help, bare, rss],
    bestPeer: null,
    targets: [
      {
        text: 'spawn → exit ≤ 0.5 s',
        value:
          exit.median === null
            ? 'n/a'
            : `${exit.median.toFixed(2)} s (module loading ${loading === null ? 'n/a' : `${loading.toFixed(2)} s`})`,
        pass: passIf(exit.median, (s) => s <= 0.5),
      },
    ],
    notes: [
      "The exit time includes Ferry's own STS AssumeRole, its preflight, the scan, the PUT and the journal.",
    ],
    error: null,
  };
}

/**
 * Scenario 2's "RSS bounded by parts in flight": Ferry's large-file peak (HTTP runs) minus this
 * fixed overhead ≤ 2 × partSize × partConcurrency. Added to scenario 2's own result.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @param {number | null} baselineMb
 */
function boundLargeFileRss(ctx, shared, baselineMb) {
  const large = shared.previous.get('large-file');
  if (!large) return;
  const peaks = (large.rows.find((row) => row.tool === 'ferry')?.runs ?? [])
    .filter((run) => run.ok && run.peakRssBytes)
    .map((run) => /** @type {number} */ (run.peakRssBytes) / MB);
  const peak = makeRow(
    {
      tool: 'ferry-large-rss',
      label: 'Ferry peak RSS, large file',
      role: 'info',
      unit: 'MB',
      better: 'lower',
    },
    peaks.map((value) => ({ ok: true, value })),
  ).median;
  const buffers = ctx.ferry.partSize * ctx.ferry.partConcurrency;
  const growth = peak !== null && baselineMb !== null ? (peak - baselineMb) * MB : null;
  large.targets.push({
    text: `HTTP: Ferry's peak RSS − its fixed overhead (scenario 6) ≤ 2 × partSize × partConcurrency (${(2 * buffers) / MiB} MiB): bounded by the parts in flight`,
    value:
      growth === null
        ? 'n/a'
        : `${Math.round(peak ?? 0)} MB peak, ${(growth / MiB).toFixed(0)} MiB above ${Math.round(baselineMb ?? 0)} MB`,
    pass: passIf(growth, (g) => g <= 2 * buffers),
    why: 'One buffer per part in flight, plus at most one more copy of each while the HTTP layer sends it.',
  });
}
