// @ts-check
// rclone (Debian's 1.60): `rclone copy DIR bench:BUCKET/PREFIX` — copy, like Ferry's upload mode,
// never deletes. The S3 remote is defined entirely by environment variables, with the shared
// temporary credentials and their session token; no config file of the user's is read.
// HTTPS: `--ca-cert FILE` ("CA certificate used to verify servers", rclone.org/docs/#ca-cert-string,
// read 2026-11-30), and AWS_CA_BUNDLE unset: rclone 1.60's S3 backend fails while it is set
// (issue 15; cleanEnv drops every AWS_* variable anyway).
import { join } from 'node:path';

import { cleanEnv } from '../lib/context.mjs';
import { measure } from '../lib/processes.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/packages.mjs').Tool} installed
 * @param {boolean} raised  concurrency and part size set to Ferry's
 * @returns {import('../lib/context.mjs').Tool}
 */
export function rcloneTool(ctx, installed, raised) {
  const s = ctx.ferry;
  const mib = s.partSize / 2 ** 20;
  const flags = raised
    ? [
        '--transfers',
        String(s.concurrency),
        '--s3-upload-concurrency',
        String(s.partConcurrency),
        '--s3-chunk-size',
        `${mib}M`,
        '--s3-upload-cutoff',
        `${mib}M`,
      ]
    : [];
  return {
    id: raised ? 'rclone-raised' : 'rclone',
    label: raised ? 'rclone (raised)' : 'rclone',
    role: 'peer',
    unavailable: installed.ok ? null : installed.reason,
    settings: raised
      ? `rclone copy ${flags.join(' ')}`
      : 'rclone copy (defaults: --transfers 4, --s3-upload-concurrency 4, 5 MiB chunks, 200 MiB upload cutoff)',
    upload: (job) => {
      const c = ctx.credentials();
      const env = cleanEnv({
        RCLONE_CONFIG: join(ctx.work, 'rclone-none.conf'), // absent: nothing of the user's is read
        RCLONE_CONFIG_BENCH_TYPE: 's3',
        RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
        RCLONE_CONFIG_BENCH_ENV_AUTH: 'false',
        RCLONE_CONFIG_BENCH_ENDPOINT: job.tls ? ctx.gateway.https : ctx.info.endpoint,
        RCLONE_CONFIG_BENCH_REGION: ctx.info.region,
        RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: c.accessKeyId,
        RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: c.secretAccessKey,
        RCLONE_CONFIG_BENCH_SESSION_TOKEN: c.sessionToken,
        RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
      });
      return measure(
        'rclone',
        [
          'copy',
          job.dir,
          `bench:${ctx.info.bucket}/${job.prefix}`,
          ...flags,
          ...(job.tls ? ['--ca-cert', ctx.gateway.caFile] : []),
        ],
        { env, timeoutMs: job.timeoutMs ?? ctx.timeoutMs },
      );
    },
  };
}
