// @ts-check
// The ceiling: raw-put.mjs (a parallel PUT / plain multipart loop with the SDK, no sync logic)
// in its own process, so its time includes a Node start-up like Ferry's does.
import { join } from 'node:path';

import { cleanEnv } from '../lib/context.mjs';
import { measure } from '../lib/processes.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @returns {import('../lib/context.mjs').Tool}
 */
export function rawSdkTool(ctx) {
  const s = ctx.ferry;
  return {
    id: 'raw-sdk',
    label: 'raw SDK loop (ceiling)',
    role: 'ceiling',
    unavailable: null,
    settings: `@aws-sdk/client-s3 PutObject × ${s.concurrency} in parallel; files over ${s.partSize / 2 ** 20} MiB as multipart, ${s.partConcurrency} parts in flight`,
    upload: (job) => {
      const c = ctx.credentials();
      return measure(
        'node',
        [
          join(import.meta.dirname, 'raw-put.mjs'),
          job.dir,
          job.tls ? ctx.gateway.https : ctx.info.endpoint,
          ctx.info.bucket,
          job.prefix,
          String(s.concurrency),
          String(s.partSize),
          String(s.partConcurrency),
        ],
        {
          env: cleanEnv({
            AWS_ACCESS_KEY_ID: c.accessKeyId,
            AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
            AWS_SESSION_TOKEN: c.sessionToken,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            ...(job.tls ? { NODE_EXTRA_CA_CERTS: ctx.gateway.caFile } : {}),
          }),
          timeoutMs: job.timeoutMs ?? ctx.timeoutMs,
        },
      );
    },
  };
}
