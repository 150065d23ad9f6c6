// @ts-check
// Scenario 1: many small files, first upload (request-bound: what matters is how many PUTs are
// in flight and how little work sits between them).
import { makeFileSet } from '../datasets.mjs';
import { interleaved } from '../lib/measurements.mjs';
import { uploadRun } from './upload-run.mjs';
import { dataDir, passIf, ratioOf, times, toolRows } from './shared.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function firstUpload(ctx, shared) {
  const shape = shared.scale.smallFiles;
  const set = await makeFileSet(dataDir(shared, 'small-files'), shape);
  ctx.log(`scenario 1: ${shape.count} files of ${shape.size} B, first upload`);
  const runs = await interleaved(
    shared.tools,
    shared.scale.repetitions,
    (tool) => uploadRun(ctx, shared.admin, tool, set, (ms) => ms / 1000),
    ctx.log,
  );
  const { rows, best } = toolRows(shared.tools, runs, 's', 'lower');
  const ferry = rows.find((row) => row.tool === 'ferry');
  const raw = rows.find((row) => row.tool === 'raw-sdk');
  const vsRaw = ratioOf(ferry?.median, raw?.median);
  return {
    id: 'first-upload-small-files',
    number: 1,
    title: `${shape.count.toLocaleString('en')} files of ${shape.size / 1024} KiB, first upload`,
    params: { ...shape },
    rows,
    bestPeer: best?.tool ?? null,
    targets: [
      {
        text: "Ferry's time ≤ 0.5× the faster peer's",
        value: times(ferry?.vsBestPeer),
        pass: passIf(ferry?.vsBestPeer ?? null, (r) => r <= 0.5),
      },
      {
        text: "Ferry's time ≤ 1.3× the raw PUT loop's",
        value: times(vsRaw),
        pass: passIf(vsRaw, (r) => r <= 1.3),
      },
    ],
    notes: [],
    error: null,
  };
}
