// @ts-check
// The floor: the same files sent by curl over presigned URLs made with the shared STS token — no
// SDK, no sync logic, no hashing in the client: the least a client can do (issue 15).
// - Files up to the part size: one presigned PUT each, `curl --parallel --parallel-max 16`.
// - Larger files: CreateMultipartUpload and CompleteMultipartUpload through the SDK (in the
//   harness; their wall time is added), the parts as presigned UploadPart URLs sent by curl with
//   Ferry's part size and parts in flight. curl uploads whole files only (-T), so the parts are
//   cut into files once per data set, before any measurement.
// What is measured: curl's process (wall, CPU, RSS) plus, for multipart, the two SDK calls' wall
// time. Presigning happens before the clock starts (it is signing, which curl cannot do here).
//
// curl facts (curl(1), curl 7.88.1 as in Debian bookworm, read 2026-11-30):
// - `-Z/--parallel`, `--parallel-max N` (at most 300): transfers in parallel, N at once;
// - `-K FILE`: options from a file, one per line, `upload-file = "…"` / `url = "…"`, every
//   -T pairs with the next URL ("-T, --upload-file … can be used several times");
// - `-w '%header{etag}'` (added in 7.84.0) and `%{urlnum}` (7.75.0: "the 0-based index of the URL
//   in the command line or config") print each transfer's ETag and which transfer it was. Not
//   `%{url}`: 2,000 presigned URLs of ~400 bytes each are 0.8 MB of output, more than the 256 KiB
//   tail processes.mjs keeps, so the count came up short and a run where curl had exited 0 with
//   2,000 × 200 was marked failed ("exit 1: 200 … <a URL>" in every repetition at 2,000 files,
//   fine at 200). One line is now ~45 bytes: 5,000 transfers fit (checked below);
// - `-H 'Expect:'` removes the Expect: 100-continue curl adds to bigger uploads (a round trip);
// - `--cacert FILE` trusts the bench CA for HTTPS.
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { Agent as HttpsAgent } from 'node:https';
import { join, relative, sep } from 'node:path';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
} from '@aws-sdk/client-s3';

import { presigner } from '../lib/presign.mjs';
import { KEEP_BYTES, measure } from '../lib/processes.mjs';
import { cleanEnv } from '../lib/context.mjs';

const SMALL_PARALLEL = 16;
/** The most one `-w` line takes: "200 " + a quoted ETag (≤ 70 bytes for a multipart one) + urlnum. */
const OUTPUT_LINE_BYTES = 90;
let configs = 0;

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @returns {import('../lib/context.mjs').Tool}
 */
export function curlFloorTool(ctx) {
  const s = ctx.ferry;
  /** @type {Map<string, string[]>} a large file's part files, cut once */
  const cut = new Map();
  return {
    id: 'curl-floor',
    label: 'curl floor (presigned URLs)',
    role: 'floor',
    unavailable: null,
    settings: `curl --parallel --parallel-max ${SMALL_PARALLEL} over presigned PUT URLs (same STS token); files over ${s.partSize / 2 ** 20} MiB: presigned UploadPart URLs, ${s.partSize / 2 ** 20} MiB parts, --parallel-max ${s.partConcurrency}, Create/Complete by the SDK`,
    upload: async (job) => {
      const c = ctx.credentials();
      const endpoint = job.tls ? ctx.gateway.https : ctx.gateway.http;
      const sign = presigner(c, ctx.info.region);
      const files = await listFiles(job.dir);
      const small = files.filter((file) => file.size <= s.partSize);
      const large = files.filter((file) => file.size > s.partSize);
      /** @type {import('../lib/processes.mjs').Measured} */
      let total = { code: 0, wallMs: 0, peakRssBytes: 0, cpuSeconds: 0, stdout: '', stderr: '' };
      if (small.length > 0) {
        const transfers = [];
        for (const file of small) {
          const key = job.prefix + file.relative;
          transfers.push({ file: file.path, url: await sign(endpoint, ctx.info.bucket, key) });
        }
        total = add(total, await runCurl(ctx, job, transfers, SMALL_PARALLEL));
      }
      for (const file of large) {
        if (total.code !== 0) break;
        const parts = cut.get(file.path) ?? (await cutParts(ctx, file, s.partSize));
        cut.set(file.path, parts);
        total = add(total, await multipart(ctx, job, endpoint, sign, file, parts));
      }
      return total;
    },
  };
}

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/context.mjs').UploadJob} job
 * @param {string} endpoint
 * @param {ReturnType<typeof presigner>} sign
 * @param {{ path: string, relative: string, size: number }} file
 * @param {string[]} parts
 * @returns {Promise<import('../lib/processes.mjs').Measured>}
 */
async function multipart(ctx, job, endpoint, sign, file, parts) {
  const c = ctx.credentials();
  const key = job.prefix + file.relative;
  const s3 = new S3Client({
    region: ctx.info.region,
    endpoint,
    forcePathStyle: true,
    credentials: c,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The harness process does not trust the bench CA globally; this client does.
    requestHandler: { httpsAgent: new HttpsAgent({ ca: readFileSync(ctx.gateway.caFile) }) },
  });
  try {
    // Timed like curl's own requests: the SDK is loaded already (the harness imports it), so
    // this is two requests and, over HTTPS, one handshake.
    const t0 = performance.now();
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: ctx.info.bucket, Key: key }),
    );
    const createMs = performance.now() - t0;
    if (!UploadId) throw new Error('CreateMultipartUpload answered without an UploadId');
    const transfers = [];
    for (const [index, path] of parts.entries()) {
      const query = { partNumber: String(index + 1), uploadId: UploadId };
      transfers.push({ file: path, url: await sign(endpoint, ctx.info.bucket, key, query) });
    }
    const sent = await runCurl(ctx, job, transfers, ctx.ferry.partConcurrency);
    if (sent.code !== 0) {
      await s3.send(
        new AbortMultipartUploadCommand({ Bucket: ctx.info.bucket, Key: key, UploadId }),
      );
      return sent;
    }
    const etags = new Map();
    for (const line of sent.stdout.split('\n')) {
      // "<code> <etag> <urlnum>": the transfers are the parts in order, so urlnum + 1 is the
      // part number.
      const match = /^200 (\S+) (\d+)$/.exec(line);
      if (match) etags.set(Number(match[2]) + 1, match[1]);
    }
    const t1 = performance.now();
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: ctx.info.bucket,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: parts.map((_, index) => ({
            PartNumber: index + 1,
            ETag: etags.get(index + 1),
          })),
        },
      }),
    );
    return { ...sent, wallMs: sent.wallMs + createMs + (performance.now() - t1) };
  } finally {
    s3.destroy();
  }
}

/**
 * One curl process for a list of uploads; fails unless every transfer answered 200.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/context.mjs').UploadJob} job
 * @param {{ file: string, url: string }[]} transfers
 * @param {number} parallel
 * @returns {Promise<import('../lib/processes.mjs').Measured>}
 */
async function runCurl(ctx, job, transfers, parallel) {
  if (transfers.length * OUTPUT_LINE_BYTES > KEEP_BYTES) {
    throw new Error(
      `${transfers.length} transfers in one curl run: their -w lines would not fit the ${KEEP_BYTES} bytes of output the harness keeps`,
    );
  }
  const config = join(ctx.work, `curl-${++configs}.conf`);
  await writeFile(
    config,
    transfers.map((t) => `upload-file = "${t.file}"\nurl = "${t.url}"\n`).join(''),
  );
  const measured = await measure(
    'curl',
    [
      '--parallel',
      '--parallel-max',
      String(parallel),
      '--silent',
      '--show-error',
      '--no-progress-meter',
      '-H',
      'Expect:',
      '-w',
      '%{http_code} %header{etag} %{urlnum}\\n',
      ...(job.tls ? ['--cacert', ctx.gateway.caFile] : []),
      '-K',
      config,
    ],
    { env: cleanEnv({}), timeoutMs: job.timeoutMs ?? ctx.timeoutMs },
  );
  const codes = measured.stdout.split('\n').filter(Boolean);
  const answered = new Set(codes.map((line) => line.split(' ').at(-1)));
  const bad = codes.filter((line) => !line.startsWith('200 '));
  if (measured.code === 0 && (answered.size !== transfers.length || bad.length > 0)) {
    const missing = transfers.findIndex((_, index) => !answered.has(String(index)));
    const badIndex = Number(bad[0]?.split(' ').at(-1));
    const first = bad[0]
      ? `${bad[0].slice(0, 80)} (${transfers[badIndex]?.file ?? '?'})`
      : `transfer ${missing} (${transfers[missing]?.file ?? '?'}) missing`;
    return {
      ...measured,
      code: 1,
      // stdout emptied: failureReason() reports the last line, which must be this one.
      stdout: '',
      stderr: `${measured.stderr}\n${answered.size} of ${transfers.length} transfers answered 200 (curl exited 0); first problem: ${first}`,
    };
  }
  return measured;
}

/**
 * @param {import('../lib/processes.mjs').Measured} a
 * @param {import('../lib/processes.mjs').Measured} b
 * @returns {import('../lib/processes.mjs').Measured}
 */
function add(a, b) {
  return {
    code: a.code || b.code,
    wallMs: a.wallMs + b.wallMs,
    peakRssBytes: Math.max(a.peakRssBytes, b.peakRssBytes),
    cpuSeconds: a.cpuSeconds === null || b.cpuSeconds === null ? null : a.cpuSeconds + b.cpuSeconds,
    stdout: b.stdout,
    stderr: b.stderr,
  };
}

/**
 * The file's parts as files of `partSize` bytes (the last one shorter), in the work dir.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {{ path: string, size: number }} file
 * @param {number} partSize
 */
async function cutParts(ctx, file, partSize) {
  const dir = join(ctx.work, `curl-parts-${++configs}`);
  await mkdir(dir, { recursive: true });
  const source = await open(file.path, 'r');
  const buffer = Buffer.alloc(partSize);
  /** @type {string[]} */
  const parts = [];
  try {
    for (let offset = 0; offset < file.size; offset += partSize) {
      const length = Math.min(partSize, file.size - offset);
      await source.read(buffer, 0, length, offset);
      const path = join(dir, `part-${String(parts.length + 1).padStart(5, '0')}`);
      await writeFile(path, buffer.subarray(0, length));
      parts.push(path);
    }
  } finally {
    await source.close();
  }
  return parts;
}

/** @param {string} root */
async function listFiles(root) {
  /** @type {{ path: string, relative: string, size: number }[]} */
  const files = [];
  /** @param {string} folder */
  const walk = async (folder) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const { size } = await stat(path);
        files.push({ path, relative: relative(root, path).split(sep).join('/'), size });
      }
    }
  };
  await walk(root);
  return files;
}
