// @ts-check
// One measured upload of a file set by one tool into a fresh, empty prefix, checked afterwards
// (every file arrived, with its size) and then removed so the store does not fill up.
import { emptyPrefix, prefixContents } from '../lib/rgw.mjs';
import { failureReason } from '../lib/measurements.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('@aws-sdk/client-s3').S3Client} admin
 * @param {import('../lib/context.mjs').Tool} tool
 * @param {import('../datasets.mjs').FileSet} set
 * @param {(wallMs: number) => number} value  the row's number from the wall time
 * @param {{ tls?: boolean }} [options]
 * @returns {Promise<import('../lib/measurements.mjs').Run>}
 */
export async function uploadRun(ctx, admin, tool, set, value, options = {}) {
  const prefix = ctx.newPrefix();
  try {
    const measured = await tool.upload({ dir: set.dir, prefix, tls: options.tls ?? false });
    if (measured.code !== 0) return { ok: false, error: failureReason(measured) };
    const found = await prefixContents(admin, ctx.info.bucket, prefix);
    if (found.count !== set.files || found.bytes !== set.bytes) {
      return {
        ok: false,
        error: `exit 0 but ${found.count} of ${set.files} objects (${found.bytes} of ${set.bytes} bytes) arrived`,
      };
    }
    return {
      ok: true,
      value: value(measured.wallMs),
      wallMs: Math.round(measured.wallMs),
      peakRssBytes: measured.peakRssBytes,
      cpuSeconds: measured.cpuSeconds,
    };
  } finally {
    await emptyPrefix(admin, ctx.info, prefix);
  }
}
