// @ts-check
// Scenario 4: watch mode. `ferry sync --json` runs on an empty folder; once its initial scan has
// finished, small files are written one at a time, a fixed interval apart, and each one's
// latency is the time from just before the write until a HeadObject with the shared temporary
// credentials finds the object (polled every 10 ms). The peers have no watch mode.
// The still-being-written guard: after the timed writes, each run also writes one file in
// chunks (SLOW_CHUNKS × 32 KiB, SLOW_GAP_MS apart) while HeadObject watches the key; the guard
// holds if no shorter version ever became readable, only the whole file.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { writeFerryConfig, startFerryWatch } from '../peers/ferry.mjs';
import { interleaved, makeRow, percentile } from '../lib/measurements.mjs';
import { stop } from '../lib/processes.mjs';
import { emptyPrefix } from '../lib/rgw.mjs';
import { after, dataDir, passIf, sleep } from './shared.mjs';

const POLL_MS = 10;
const GIVE_UP_MS = 15_000;
const READY_TIMEOUT_MS = 60_000;
const SLOW_CHUNKS = 6;
const SLOW_GAP_MS = 150;

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function watchLatency(ctx, shared) {
  const { writes, spacingMs } = shared.scale.watch;
  ctx.log(`scenario 4: watch mode, ${writes} writes ${spacingMs} ms apart`);
  const c = ctx.credentials();
  const s3 = new S3Client({
    region: ctx.info.region,
    endpoint: ctx.info.endpoint,
    forcePathStyle: true,
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    },
    maxAttempts: 1,
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: 16 } },
  });
  /** @type {number[]} */
  const all = [];
  let missing = 0;
  /** @type {string[]} */
  const guardProblems = [];
  let guardChecks = 0;
  try {
    const runs = await interleaved(
      [{ id: 'ferry', unavailable: null }],
      shared.scale.repetitions,
      async (_tool, repetition) => {
        const dir = dataDir(shared, `watch-${repetition}`);
        await mkdir(dir, { recursive: true });
        const prefix = ctx.newPrefix();
        const { path } = await writeFerryConfig(ctx, { dir, prefix });
        /** @type {() => void} */
        let onReady = () => {};
        const ready = new Promise((resolve) => (onReady = () => resolve(undefined)));
        const ferry = startFerryWatch(ctx, path, (event) => {
          if (event.type === 'scan-finished') onReady();
        });
        try {
          const outcome = await Promise.race([
            ready.then(() => 'ready'),
            ferry.exited.then((code) => `exited with ${code}`),
            after(READY_TIMEOUT_MS, 'no scan-finished event within 60 s'),
          ]);
          if (outcome !== 'ready') {
            return {
              ok: false,
              error: `${outcome}: ${ferry.output().stderr.trim().split('\n').at(-1) ?? ''}`,
            };
          }
          const latencies = await writeAndWait(ctx, s3, dir, prefix, writes, spacingMs);
          const seen = latencies.filter((ms) => ms !== null);
          missing += latencies.length - seen.length;
          all.push(...seen);
          guardChecks += 1;
          const problem = await slowWriteArrivesWhole(ctx, s3, dir, prefix);
          if (problem) guardProblems.push(problem);
          if (seen.length === 0) return { ok: false, error: 'no write became visible' };
          return {
            ok: true,
            value: /** @type {number} */ (percentile(seen, 50)),
            extra: {
              p99Ms: percentile(seen, 99),
              maxMs: Math.max(...seen),
              notVisibleAfter15s: latencies.length - seen.length,
            },
          };
        } finally {
          stop(ferry.child);
          await ferry.exited;
          await emptyPrefix(shared.admin, ctx.info, prefix);
        }
      },
      ctx.log,
    );
    const perRun = runs.get('ferry') ?? [];
    const medianRow = makeRow(
      {
        tool: 'ferry-median',
        label: 'Ferry, median write → readable',
        role: 'ferry',
        unit: 'ms',
        better: 'lower',
      },
      all.length > 0 ? [{ ok: true, value: /** @type {number} */ (percentile(all, 50)) }] : perRun,
    );
    const p99Row = makeRow(
      {
        tool: 'ferry-p99',
        label: 'Ferry, 99th percentile',
        role: 'ferry',
        unit: 'ms',
        better: 'lower',
      },
      all.length > 0 ? [{ ok: true, value: /** @type {number} */ (percentile(all, 99)) }] : perRun,
    );
    const perRunRow = makeRow(
      {
        tool: 'ferry-run-medians',
        label: 'Ferry, median of each run',
        role: 'info',
        unit: 'ms',
        better: 'lower',
      },
      perRun,
    );
    return {
      id: 'watch-latency',
      number: 4,
      title: `watch mode: ${writes} single small-file writes ${spacingMs} ms apart`,
      params: { writes, spacingMs, repetitions: shared.scale.repetitions, pollMs: POLL_MS },
      rows: [medianRow, p99Row, perRunRow],
      bestPeer: null,
      targets: [
        {
          text: 'p50 write → readable ≤ 150 ms',
          value: medianRow.median === null ? 'n/a' : `${Math.round(medianRow.median)} ms`,
          pass: passIf(medianRow.median, (ms) => ms <= 150),
        },
        {
          text: 'p99 ≤ 400 ms',
          value: p99Row.median === null ? 'n/a' : `${Math.round(p99Row.median)} ms`,
          pass: missing > 0 ? false : passIf(p99Row.median, (ms) => ms <= 400),
        },
        {
          text: `still-being-written guard intact: a file written in ${SLOW_CHUNKS} chunks ${SLOW_GAP_MS} ms apart is never readable half-written`,
          value:
            guardProblems.length === 0
              ? `whole in ${guardChecks} of ${guardChecks} run(s)`
              : guardProblems.join('; '),
          pass: guardChecks === 0 ? null : guardProblems.length === 0,
        },
      ],
      notes: [
        `Pooled over ${all.length} writes from ${perRun.length} run(s)${missing > 0 ? `; ${missing} never became visible within 15 s` : ''}. Latency resolution ≈ ${POLL_MS} ms (HeadObject polling).`,
      ],
      error: null,
    };
  } finally {
    s3.destroy();
  }
}

/**
 * Writes `count` files `spacingMs` apart (on a fixed schedule, so a slow poll never delays the
 * next write) and returns each one's write → readable time (null: never seen).
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {S3Client} s3
 * @param {string} dir
 * @param {string} prefix
 * @param {number} count
 * @param {number} spacingMs
 */
async function writeAndWait(ctx, s3, dir, prefix, count, spacingMs) {
  /** @type {Promise<number | null>[]} */
  const waits = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const name = `w${String(i).padStart(4, '0')}.txt`;
    const before = performance.now();
    await writeFile(join(dir, name), `write ${i} at ${new Date().toISOString()}\n`);
    waits.push(visibleAfter(s3, ctx.info.bucket, `${prefix}${name}`, before));
    const next = start + (i + 1) * spacingMs;
    await sleep(Math.max(0, next - performance.now()));
  }
  return Promise.all(waits);
}

/**
 * Writes one file in chunks while polling its key; returns what went wrong (a partial version
 * was readable, or the whole file never arrived), or null when only the whole file appeared.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {S3Client} s3
 * @param {string} dir
 * @param {string} prefix
 * @returns {Promise<string | null>}
 */
async function slowWriteArrivesWhole(ctx, s3, dir, prefix) {
  const name = 'slow-write.bin';
  const chunk = Buffer.alloc(32 * 1024, 7);
  const total = chunk.length * SLOW_CHUNKS;
  /** @type {Set<number>} */
  const sizes = new Set();
  let writing = true;
  const watch = (async () => {
    const since = performance.now();
    while (performance.now() - since < GIVE_UP_MS) {
      try {
        const head = await s3.send(
          new HeadObjectCommand({ Bucket: ctx.info.bucket, Key: `${prefix}${name}` }),
        );
        sizes.add(head.ContentLength ?? -1);
        if (!writing && head.ContentLength === total) return;
      } catch {
        // not there yet
      }
      await sleep(POLL_MS);
    }
  })();
  await writeFile(join(dir, name), chunk);
  for (let i = 1; i < SLOW_CHUNKS; i++) {
    await sleep(SLOW_GAP_MS);
    await appendFile(join(dir, name), chunk);
  }
  writing = false;
  await watch;
  const partial = [...sizes].filter((size) => size !== total);
  if (partial.length > 0) return `partial version(s) readable: ${partial.join(', ')} of ${total} B`;
  if (!sizes.has(total)) return `the whole file was not readable within ${GIVE_UP_MS / 1000} s`;
  return null;
}

/**
 * @param {S3Client} s3
 * @param {string} bucket
 * @param {string} key
 * @param {number} since  performance.now() before the write
 * @returns {Promise<number | null>}
 */
async function visibleAfter(s3, bucket, key, since) {
  while (performance.now() - since < GIVE_UP_MS) {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return performance.now() - since;
    } catch {
      await sleep(POLL_MS);
    }
  }
  return null;
}
