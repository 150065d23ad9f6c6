// @ts-check
// Scenario 2: one large file (bandwidth-bound: multipart, parts in flight, per-part work such as
// hashing), over HTTP and HTTPS. Throughput = file size ÷ wall time of the whole process,
// start-up included; client CPU seconds per GiB beside it. Ferry's peak RSS against its fixed
// overhead is judged in scenario 6, which measures that overhead.
import { makeLargeFile } from '../datasets.mjs';
import { interleaved, MB } from '../lib/measurements.mjs';
import { uploadRun } from './upload-run.mjs';
import { cpuPerRow, dataDir, passIf, ratioOf, times, toolRows } from './shared.mjs';

const GiB = 2 ** 30;

/**
 * @param {boolean} tls
 * @returns {(ctx: import('../lib/context.mjs').BenchContext, shared: import('./shared.mjs').Shared) => Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export function largeFile(tls) {
  return async (ctx, shared) => {
    const size = shared.scale.largeFileBytes;
    const set =
      shared.sets.get('large-file') ?? (await makeLargeFile(dataDir(shared, 'large-file'), size));
    shared.sets.set('large-file', set);
    const transport = tls ? 'HTTPS' : 'HTTP';
    ctx.log(`scenario 2 (${transport}): one file of ${size / 2 ** 20} MiB`);
    const runs = await interleaved(
      shared.tools,
      tls ? shared.scale.httpsRepetitions : shared.scale.repetitions,
      (tool) => uploadRun(ctx, shared.admin, tool, set, (ms) => size / MB / (ms / 1000), { tls }),
      ctx.log,
    );
    const { rows, best } = toolRows(shared.tools, runs, 'MB/s', 'higher');
    cpuPerRow(rows, (seconds) => `${(seconds / (size / GiB)).toFixed(2)} s / GiB`);
    const ferry = rows.find((row) => row.tool === 'ferry');
    const floor = rows.find((row) => row.tool === 'curl-floor');
    const vsFloor = ratioOf(ferry?.median, floor?.median);
    return {
      id: tls ? 'large-file-https' : 'large-file',
      number: 2,
      title: `one file of ${size >= GiB ? `${size / GiB} GiB` : `${size / 2 ** 20} MiB`}, throughput, ${transport}`,
      params: { bytes: size, transport },
      rows,
      bestPeer: best?.tool ?? null,
      targets: [
        {
          text: `${transport}: Ferry's throughput ≥ 1.2× the best peer's${best ? ` (${best.label})` : ''}`,
          value: times(ferry?.vsBestPeer),
          pass: passIf(ferry?.vsBestPeer ?? null, (r) => r >= 1.2),
        },
        {
          text: `${transport}: Ferry's throughput ≥ 90 % of the curl multipart floor's`,
          value: vsFloor === null ? 'n/a' : `${Math.round(vsFloor * 100)} %`,
          pass: passIf(vsFloor, (r) => r >= 0.9),
        },
      ],
      notes: [
        'MB/s = 10^6 bytes per second of wall time, process start-up included (for Ferry also its STS AssumeRole).',
      ],
      error: null,
    };
  };
}
