// @ts-check
// The AWS CLI v2 from Debian (/usr/bin/aws): `aws s3 sync DIR s3://BUCKET/PREFIX`, with the
// shared temporary credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
// and a private config file (path-style addressing, which Ceph needs; and in the raised variant
// the transfer settings). `--only-show-errors` only silences the per-file lines.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { cleanEnv } from '../lib/context.mjs';
import { AWS_CLI } from '../lib/packages.mjs';
import { measure } from '../lib/processes.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/packages.mjs').Tool} installed
 * @param {boolean} raised  request concurrency and part size set to Ferry's
 * @returns {import('../lib/context.mjs').Tool}
 */
export function awsTool(ctx, installed, raised) {
  const s = ctx.ferry;
  const mib = s.partSize / 2 ** 20;
  // The CLI has one pool of requests for files and parts alike; Ferry may have
  // concurrency × partConcurrency requests in flight (its socket pool), so that is the match.
  const requests = s.concurrency * s.partConcurrency;
  const transferSettings = raised
    ? `  max_concurrent_requests = ${requests}\n  multipart_threshold = ${mib}MB\n  multipart_chunksize = ${mib}MB\n`
    : '';
  const configFile = join(ctx.work, raised ? 'aws-raised.conf' : 'aws-default.conf');
  let written = false;
  return {
    id: raised ? 'aws-raised' : 'aws',
    label: raised ? 'aws s3 sync (raised)' : 'aws s3 sync',
    role: 'peer',
    unavailable: installed.ok ? null : installed.reason,
    settings: raised
      ? `aws s3 sync; max_concurrent_requests ${requests}, multipart_threshold/chunksize ${mib} MiB`
      : 'aws s3 sync (defaults: max_concurrent_requests 10, 8 MiB threshold and chunks)',
    upload: async (job) => {
      if (!written) {
        await writeFile(
          configFile,
          `[default]\nregion = ${ctx.info.region}\ns3 =\n  addressing_style = path\n${transferSettings}`,
        );
        written = true;
      }
      const c = ctx.credentials();
      const env = cleanEnv({
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: join(ctx.work, 'aws-no-credentials'),
        AWS_ACCESS_KEY_ID: c.accessKeyId,
        AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
        AWS_SESSION_TOKEN: c.sessionToken,
        AWS_EC2_METADATA_DISABLED: 'true',
        // Newer CLIs add CRC checksums Ceph may reject; 2.9 ignores these, later ones need them.
        AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
        AWS_PAGER: '',
      });
      return measure(
        AWS_CLI,
        [
          's3',
          'sync',
          job.dir,
          `s3://${ctx.info.bucket}/${job.prefix}`,
          '--endpoint-url',
          ctx.info.endpoint,
          '--only-show-errors',
        ],
        { env, timeoutMs: job.timeoutMs ?? ctx.timeoutMs },
      );
    },
  };
}
