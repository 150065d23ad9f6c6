// @ts-check
// Scenario 1: many small files, first upload (request-bound: what matters is how many PUTs are
// in flight and how little work sits between them), over HTTP and, as a second result, over
// HTTPS (every real cloud is HTTPS). Besides wall time, the client CPU seconds per 1,000 files.
import { makeFileSet } from '../datasets.mjs';
import { interleaved } from '../lib/measurements.mjs';
import { uploadRun } from './upload-run.mjs';
import { cpuPerRow, dataDir, passIf, ratioOf, times, toolRows } from './shared.mjs';

/**
 * @param {boolean} tls
 * @returns {(ctx: import('../lib/context.mjs').BenchContext, shared: import('./shared.mjs').Shared) => Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export function firstUpload(tls) {
  return async (ctx, shared) => {
    const shape = shared.scale.smallFiles;
    // One data set for both transports (the HTTPS run reuses the HTTP run's files).
    const set =
      shared.sets.get('small-files') ?? (await makeFileSet(dataDir(shared, 'small-files'), shape));
    shared.sets.set('small-files', set);
    const transport = tls ? 'HTTPS' : 'HTTP';
    ctx.log(`scenario 1 (${transport}): ${shape.count} files of ${shape.size} B, first upload`);
    const runs = await interleaved(
      shared.tools,
      tls ? shared.scale.httpsRepetitions : shared.scale.repetitions,
      (tool) => uploadRun(ctx, shared.admin, tool, set, (ms) => ms / 1000, { tls }),
      ctx.log,
    );
    const { rows, best } = toolRows(shared.tools, runs, 's', 'lower');
    cpuPerRow(rows, (seconds) => `${(seconds / (shape.count / 1000)).toFixed(2)} s / 1,000 files`);
    const ferry = rows.find((row) => row.tool === 'ferry');
    const floor = rows.find((row) => row.tool === 'curl-floor');
    // The leaner of the two rclone configurations is the one to halve.
    const rclone = rows
      .filter(
        (row) =>
          row.tool.startsWith('rclone') &&
          row.cpuMedianSeconds !== null &&
          row.cpuMedianSeconds !== undefined,
      )
      .sort((a, b) => (a.cpuMedianSeconds ?? 0) - (b.cpuMedianSeconds ?? 0))[0];
    const vsFloor = ratioOf(ferry?.median, floor?.median);
    const cpuVsRclone = ratioOf(ferry?.cpuMedianSeconds, rclone?.cpuMedianSeconds);
    return {
      id: tls ? 'first-upload-small-files-https' : 'first-upload-small-files',
      number: 1,
      title: `${shape.count.toLocaleString('en')} files of ${shape.size / 1024} KiB, first upload, ${transport}`,
      params: { ...shape, transport },
      rows,
      bestPeer: best?.tool ?? null,
      targets: [
        {
          text: `${transport}: Ferry's time ≤ 1.3× the curl floor's`,
          value: times(vsFloor),
          pass: passIf(vsFloor, (r) => r <= 1.3),
        },
        {
          text: `${transport}: Ferry's time ≤ 0.7× the best peer's${best ? ` (${best.label})` : ''}`,
          value: times(ferry?.vsBestPeer),
          pass: passIf(ferry?.vsBestPeer ?? null, (r) => r <= 0.7),
        },
        {
          text: `${transport}: Ferry's client CPU per 1,000 files ≤ 0.5× rclone's${rclone ? ` (${rclone.label})` : ''}`,
          value: times(cpuVsRclone),
          pass: passIf(cpuVsRclone, (r) => r <= 0.5),
        },
      ],
      notes: tls
        ? [
            'HTTPS: RGW beast TLS listener with a certificate from a CA made for the run; Ferry and the raw SDK loop trust it through NODE_EXTRA_CA_CERTS, the AWS CLI through --ca-bundle, rclone through --ca-cert (AWS_CA_BUNDLE unset), curl through --cacert.',
          ]
        : [
            'Client CPU = user + sys of the tool process tree (bash `times` around it), median of the runs; for the curl floor, curl alone (its URLs are presigned before the clock starts).',
          ],
      error: null,
    };
  };
}
