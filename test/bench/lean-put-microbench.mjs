// @ts-check
// Micro-benchmark of the two S3 data paths (issue 15, item 1): N small PUTs at a fixed
// concurrency to a running RGW, through the SDK client (PutObjectCommand with Content-MD5, as
// S3ObjectStore sends it) and through the lean path (lean-data-path.ts: UNSIGNED-PAYLOAD +
// signed Content-MD5, node:http keep-alive pool). Each file's MD5 is computed in both, as the
// uploader does. Reports wall time and this process's CPU (process.cpuUsage: user + sys) per
// round, alternating the paths so drift on a noisy machine hits both, and the medians.
//
//   node test/bench/lean-put-microbench.mjs [files=2000] [bytes=16384] [concurrency=16] [rounds=3]
//     [paths=sdk,lean]   (one path alone, e.g. under `node --cpu-prof`)
//   (RGW from FERRY_TEST_RGW_JSON, default /tmp/shared-rgw/rgw.json)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PutObjectCommand } from '@aws-sdk/client-s3';

import { buildForBench } from './lib/build.mjs';
import { assumeBenchRole } from './lib/credentials.mjs';
import { adminClient, emptyPrefix } from './lib/rgw.mjs';

const [files = 2000, size = 16384, concurrency = 16, rounds = 3] = process.argv
  .slice(2, 6)
  .map(Number);
const chosen = (process.argv[6] ?? 'sdk,lean').split(',');
const repoRoot = join(import.meta.dirname, '..', '..');
const info = JSON.parse(
  await readFile(process.env.FERRY_TEST_RGW_JSON ?? '/tmp/shared-rgw/rgw.json', 'utf8'),
);
const built = await buildForBench(repoRoot, (line) => console.error(line));
const { createS3Client } = await import(join(built, 'main/adapters/s3/s3-client-factory.js'));
const { LeanDataPath } = await import(join(built, 'main/adapters/s3/lean-data-path.js'));

const prefixRoot = `bench-lean-${Date.now().toString(36)}/`;
const token = await assumeBenchRole(info, prefixRoot, 3600);
const credentials = () => Promise.resolve(token);
const options = { endpoint: info.endpoint, region: info.region, forcePathStyle: true };
const client = createS3Client({ ...options, credentials, maxSockets: concurrency });
const lean = new LeanDataPath({ ...options, client, credentials, maxSockets: concurrency });

/** Distinct bodies, so no layer can short-cut repeated content. */
const bodies = Array.from({ length: files }, (_, n) => {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + n * 7) & 0xff;
  return body;
});

/** @type {Record<string, (key: string, body: Uint8Array) => Promise<unknown>>} */
const senders = {
  sdk: (key, body) =>
    client.send(
      new PutObjectCommand({
        Bucket: info.bucket,
        Key: key,
        Body: body,
        ContentLength: body.byteLength,
        ContentMD5: createHash('md5').update(body).digest('base64'),
      }),
    ),
  lean: (key, body) =>
    lean.putObject({
      bucket: info.bucket,
      key,
      body,
      md5Hex: createHash('md5').update(body).digest('hex'),
    }),
};

/** @param {string} path @param {string} prefix */
async function round(path, prefix) {
  const send = senders[path];
  if (!send) throw new Error(path);
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = next++; n < files; n = next++) {
        const body = bodies[n];
        if (body) await send(`${prefix}f${n}`, body);
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallS, cpuS: (used.user + used.system) / 1e6 };
}

/** @type {Record<string, {wallS: number, cpuS: number}[]>} */
const results = { sdk: [], lean: [] };
// A warm-up of each path (connections, JIT), not counted.
for (const path of chosen) {
  await round(path, `${prefixRoot}warm-${path}/`);
}
for (let r = 0; r < rounds; r++) {
  for (const path of r % 2 === 0 ? chosen : [...chosen].reverse()) {
    const result = await round(path, `${prefixRoot}r${r}-${path}/`);
    results[path]?.push(result);
    console.log(
      `round ${r + 1} ${path.padEnd(4)} wall ${result.wallS.toFixed(2)} s, client CPU ${result.cpuS.toFixed(2)} s`,
    );
  }
}
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const path of chosen) {
  const list = results[path] ?? [];
  const wall = median(list.map((x) => x.wallS));
  const cpu = median(list.map((x) => x.cpuS));
  console.log(
    `median ${path.padEnd(4)} ${files} × ${size} B, ${concurrency} in flight: wall ${wall.toFixed(2)} s, client CPU ${cpu.toFixed(2)} s (${((cpu / files) * 1000).toFixed(2)} s per 1,000 files)`,
  );
}
lean.close();
client.destroy();
await emptyPrefix(adminClient(info), info, prefixRoot).catch(() => undefined);
