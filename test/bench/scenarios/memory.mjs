// @ts-check
// Scenario 6: Ferry's peak RSS while uploading the large file (taken from scenario 2's runs)
// against its fixed overhead (the peak of a run that uploads one small file). The large-file
// peak should exceed the overhead by about partSize × partConcurrency buffers, not by the file.
import { makeFileSet } from '../datasets.mjs';
import { interleaved, makeRow, MB, MiB } from '../lib/measurements.mjs';
import { uploadRun } from './upload-run.mjs';
import { dataDir, passIf } from './shared.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function memory(ctx, shared) {
  const ferryTool = shared.tools.find((tool) => tool.id === 'ferry');
  if (!ferryTool) throw new Error('no Ferry tool');
  const set = await makeFileSet(dataDir(shared, 'one-small-file'), {
    count: 1,
    size: 16 * 1024,
    folders: 1,
  });
  ctx.log('scenario 6: Ferry peak RSS, one small file (fixed overhead) vs the large file');
  const runs = await interleaved(
    [ferryTool],
    shared.scale.repetitions,
    (tool) =>
      uploadRun(ctx, shared.admin, tool, set, () => 0).then((run) =>
        run.ok ? { ...run, value: (run.peakRssBytes ?? 0) / MB } : run,
      ),
    ctx.log,
  );
  const baseline = makeRow(
    {
      tool: 'ferry-one-file',
      label: 'Ferry, one 16 KiB file',
      role: 'info',
      unit: 'MB',
      better: 'lower',
    },
    runs.get('ferry') ?? [],
  );
  const large = shared.previous.get('large-file');
  const largeRuns = (large?.rows.find((row) => row.tool === 'ferry')?.runs ?? []).map((run) =>
    run.ok && run.peakRssBytes ? { ...run, value: run.peakRssBytes / MB } : { ...run, ok: false },
  );
  const bytes = Number(large?.params.bytes ?? 0);
  const peak = makeRow(
    {
      tool: 'ferry-large-file',
      label: `Ferry, the ${Math.round(bytes / MiB)} MiB file (scenario 2)`,
      role: 'info',
      unit: 'MB',
      better: 'lower',
    },
    largeRuns,
    large ? null : 'scenario 2 did not run',
  );
  const buffers = ctx.ferry.partSize * ctx.ferry.partConcurrency;
  const growth =
    peak.median !== null && baseline.median !== null ? (peak.median - baseline.median) * MB : null;
  return {
    id: 'memory-large-file',
    number: 6,
    title: 'peak RSS during the large-file upload',
    params: {
      partSize: ctx.ferry.partSize,
      partConcurrency: ctx.ferry.partConcurrency,
      fileBytes: bytes,
    },
    rows: [baseline, peak],
    bestPeer: null,
    targets: [
      {
        text: `peak − fixed overhead ≤ 2 × partSize × partConcurrency (${(2 * buffers) / MiB} MiB): bounded by the parts in flight, not the file`,
        value:
          growth === null
            ? 'n/a'
            : `${(growth / MiB).toFixed(0)} MiB above ${baseline.median?.toFixed(0)} MB`,
        pass: passIf(growth, (g) => g <= 2 * buffers),
        why: 'One buffer per part in flight, plus at most one more copy of each while the HTTP layer sends it.',
      },
    ],
    notes: [
      'Peak RSS is the kernel high-water mark (VmHWM) of the ferry process, polled every 20 ms from /proc.',
    ],
    error: null,
  };
}
