// @ts-check
// Scenario 2: one large file (bandwidth-bound: multipart, parts in flight, per-part work such as
// hashing). Throughput = file size ÷ wall time of the whole process, start-up included.
import { makeLargeFile } from '../datasets.mjs';
import { interleaved, MB } from '../lib/measurements.mjs';
import { uploadRun } from './upload-run.mjs';
import { dataDir, passIf, ratioOf, times, toolRows } from './shared.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function largeFile(ctx, shared) {
  const size = shared.scale.largeFileBytes;
  const set = await makeLargeFile(dataDir(shared, 'large-file'), size);
  ctx.log(`scenario 2: one file of ${size / 2 ** 20} MiB`);
  const runs = await interleaved(
    shared.tools,
    shared.scale.repetitions,
    (tool) => uploadRun(ctx, shared.admin, tool, set, (ms) => size / MB / (ms / 1000)),
    ctx.log,
  );
  const { rows, best } = toolRows(shared.tools, runs, 'MB/s', 'higher');
  const ferry = rows.find((row) => row.tool === 'ferry');
  const raw = rows.find((row) => row.tool === 'raw-sdk');
  const vsRaw = ratioOf(ferry?.median, raw?.median);
  return {
    id: 'large-file',
    number: 2,
    title: `one file of ${size >= 2 ** 30 ? `${size / 2 ** 30} GiB` : `${size / 2 ** 20} MiB`}, throughput`,
    params: { bytes: size },
    rows,
    bestPeer: best?.tool ?? null,
    targets: [
      {
        text: "Ferry's throughput ≥ 1.2× the faster peer's",
        value: times(ferry?.vsBestPeer),
        pass: passIf(ferry?.vsBestPeer ?? null, (r) => r >= 1.2),
      },
      {
        text: "Ferry's throughput ≥ 80 % of the raw multipart loop's",
        value: vsRaw === null ? 'n/a' : `${Math.round(vsRaw * 100)} %`,
        pass: passIf(vsRaw, (r) => r >= 0.8),
      },
    ],
    notes: [
      'MB/s = 10^6 bytes per second of wall time, process start-up included (for Ferry also its STS AssumeRole).',
    ],
    error: null,
  };
}
