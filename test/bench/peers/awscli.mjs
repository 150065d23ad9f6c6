// @ts-check
// The AWS CLI v2 from Debian (/usr/bin/aws): `aws s3 sync DIR s3://BUCKET/PREFIX`, with the
// shared temporary credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
// and a private config file (path-style addressing, which Ceph needs; and in the raised variant
// the transfer settings). `--only-show-errors` only silences the per-file lines.
//
// The CRT variant: `preferred_transfer_client = crt` in the config's s3 section hands uploads to
// awscrt's S3 client (python3-awscrt 0.16.8 from Debian) instead of s3transfer's thread pool
// ("preferred_transfer_client", AWS CLI v2 S3 configuration docs,
// awscli.amazonaws.com/v2/documentation/api/latest/topic/s3-config.html, read 2026-11-30; the
// 2.9.19 code path: awscli/customizations/s3/factory.py). Its knobs in 2.9.19 are
// `target_bandwidth` (default 5 Gb/s; the CRT opens connections to reach it) and
// `multipart_chunksize`; max_concurrent_requests does not apply. It drops a custom endpoint's
// port, hence the gateway on 80/443 (lib/gateway.mjs).
// HTTPS: `--ca-bundle FILE` ("The CA certificate bundle to use when verifying SSL certificates",
// aws(1) global options, AWS CLI 2.9; read 2026-11-30); the CRT gets it as its trust store
// (s3transfer/crt.py, `override_default_trust_store_from_path`).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { cleanEnv } from '../lib/context.mjs';
import { AWS_CLI } from '../lib/packages.mjs';
import { measure } from '../lib/processes.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/packages.mjs').Tool} installed
 * @param {'default' | 'raised' | 'crt'} variant  raised: request concurrency and part size set
 *   to Ferry's; crt: the CRT transfer client with Ferry's part size
 * @param {string | null} [crtProblem]  why the CRT variant cannot run here
 * @returns {import('../lib/context.mjs').Tool}
 */
export function awsTool(ctx, installed, variant, crtProblem = null) {
  const s = ctx.ferry;
  const mib = s.partSize / 2 ** 20;
  // The CLI has one pool of requests for files and parts alike; Ferry may have
  // concurrency × partConcurrency requests in flight (its socket pool), so that is the match.
  const requests = s.concurrency * s.partConcurrency;
  const transferSettings = {
    default: '',
    raised: `  max_concurrent_requests = ${requests}\n  multipart_threshold = ${mib}MB\n  multipart_chunksize = ${mib}MB\n`,
    crt: `  preferred_transfer_client = crt\n  multipart_chunksize = ${mib}MB\n`,
  }[variant];
  const configFile = join(ctx.work, `aws-${variant}.conf`);
  let written = false;
  return {
    id: variant === 'default' ? 'aws' : `aws-${variant}`,
    label: { default: 'aws s3 sync', raised: 'aws s3 sync (raised)', crt: 'aws s3 sync (CRT)' }[
      variant
    ],
    role: 'peer',
    unavailable: installed.ok ? (variant === 'crt' ? crtProblem : null) : installed.reason,
    settings: {
      default: 'aws s3 sync (defaults: max_concurrent_requests 10, 8 MiB threshold and chunks)',
      raised: `aws s3 sync; max_concurrent_requests ${requests}, multipart_threshold/chunksize ${mib} MiB`,
      crt: `aws s3 sync; preferred_transfer_client = crt (awscrt 0.16), multipart_chunksize ${mib} MiB, default target_bandwidth (5 Gb/s)`,
    }[variant],
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
          job.tls ? ctx.gateway.https : ctx.info.endpoint,
          '--only-show-errors',
          ...(job.tls ? ['--ca-bundle', ctx.gateway.caFile] : []),
        ],
        { env, timeoutMs: job.timeoutMs ?? ctx.timeoutMs },
      );
    },
  };
}
