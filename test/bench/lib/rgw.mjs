// @ts-check
// The throwaway Ceph RGW the benchmark runs against: started with test/services/rgw-up.sh in a
// directory of its own, stopped with rgw-down.sh. Between measurements the harness empties
// prefixes and runs RGW's garbage collector, so a 1 GiB file uploaded 18 times does not fill
// memstore (RGW otherwise keeps deleted tail objects for two hours).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

import { start } from './processes.mjs';

const run = promisify(execFile);
const services = join(import.meta.dirname, '..', '..', 'services');

/**
 * @typedef {object} RgwInfo
 * @property {string} dir
 * @property {string} endpoint
 * @property {string} region
 * @property {{ accessKeyId: string, secretAccessKey: string }} admin
 * @property {{ accessKeyId: string, secretAccessKey: string }} user
 * @property {string} bucket
 * @property {string} roleArn
 */

/**
 * @param {string} dir  an empty or missing directory, owned by this run
 * @param {{ objectstore: string, memstoreBytes: number, log: (line: string) => void }} options
 * @returns {Promise<RgwInfo>}
 */
export async function startRgw(dir, options) {
  const env = {
    ...process.env,
    RGW_DIR: dir,
    OBJECTSTORE: options.objectstore,
    MEMSTORE_BYTES: String(options.memstoreBytes),
  };
  // Through start(): a Ctrl+C during the ~5 s start-up still stops the script.
  const handle = start('bash', [join(services, 'rgw-up.sh')], { env });
  const code = await handle.exited;
  if (code !== 0) {
    throw new Error(`test/services/rgw-up.sh failed (exit ${code}):\n${handle.output().stderr}`);
  }
  options.log(`RGW (${options.objectstore}) is up in ${dir}`);
  return /** @type {RgwInfo} */ (JSON.parse(await readFile(join(dir, 'rgw.json'), 'utf8')));
}

/**
 * startRgw, then a warm-up that makes RGW create the pools it otherwise creates on first use
 * (multipart meta, garbage collection, logs). On this machine a memstore OSD has twice flagged
 * itself full ("full status failsafe engaged … -2147483648% full", a statfs glitch) just as such
 * a pool appeared in the middle of a run, after which every write hangs; once the pools exist
 * it has not. A cluster that reports itself full after the warm-up is replaced (3 tries).
 * @param {string} dir
 * @param {{ objectstore: string, memstoreBytes: number, log: (line: string) => void }} options
 * @returns {Promise<RgwInfo>}
 */
export async function startWarmRgw(dir, options) {
  for (let attempt = 1; ; attempt++) {
    const info = await startRgw(dir, options);
    await warmUp(info);
    const health = await clusterHealth(info);
    if (!/OSD_FULL|POOL_FULL|full osd/i.test(health)) return info;
    options.log(`the RGW reports itself full after its warm-up (${health}); starting a fresh one`);
    await stopRgw(dir);
    if (attempt >= 3) throw new Error(`the RGW keeps reporting itself full: ${health}`);
  }
}

/** @param {RgwInfo} info */
async function warmUp(info) {
  const s3 = adminClient(info);
  try {
    const key = 'bench-warm-up/multipart';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: info.bucket, Key: key }),
    );
    const { ETag } = await s3.send(
      new UploadPartCommand({
        Bucket: info.bucket,
        Key: key,
        UploadId,
        PartNumber: 1,
        Body: new Uint8Array(1024),
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: info.bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: info.bucket, Key: key }));
    await collectGarbage(info);
    // The OSD checks its fullness on its heartbeat: give it a few.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  } finally {
    s3.destroy();
  }
}

/** `ceph health detail`, or why it could not be read. @param {RgwInfo} info */
async function clusterHealth(info) {
  try {
    const { stdout } = await run('ceph', ['-c', join(info.dir, 'ceph.conf'), 'health', 'detail'], {
      timeout: 30_000,
    });
    return stdout.trim().replace(/\s+/g, ' ');
  } catch (error) {
    return `health unknown: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Stops the daemons rgw-up.sh recorded and removes the directory. Safe to call twice, and
 * when the start failed half-way.
 * @param {string} dir
 */
export async function stopRgw(dir) {
  await run('bash', [join(services, 'rgw-down.sh')], {
    env: { ...process.env, RGW_DIR: dir, FAST: '1' },
  }).catch(() => {});
}

/** @param {RgwInfo} info */
export function adminClient(info) {
  return new S3Client({
    region: info.region,
    endpoint: info.endpoint,
    forcePathStyle: true,
    credentials: info.admin,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Every object under a prefix: count and total bytes (to check that a tool uploaded what it was
 * given, not only that it exited 0).
 * @param {S3Client} s3
 * @param {string} bucket
 * @param {string} prefix
 */
export async function prefixContents(s3, bucket, prefix) {
  let count = 0;
  let bytes = 0;
  /** @type {string | undefined} */
  let token;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      count += 1;
      bytes += object.Size ?? 0;
    }
    token = page.NextContinuationToken;
  } while (token);
  return { count, bytes };
}

/**
 * Deletes every object and unfinished multipart upload under a prefix, then lets RGW's garbage
 * collector free the space now rather than in two hours.
 * @param {S3Client} s3
 * @param {RgwInfo} info
 * @param {string} prefix
 */
export async function emptyPrefix(s3, info, prefix) {
  // RGW's garbage collector only ever frees tail objects: an object's first 4 MiB live in its
  // head, which a delete removes at once (`rgw_max_chunk_size`, 4 MiB, and "Garbage collection
  // … tail objects", docs.ceph.com/en/pacific/radosgw/config-ref/, read 2026-11-30). A prefix of
  // small files needs no collection run, which saves a radosgw-admin start per measurement.
  let tails = false;
  for (;;) {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: info.bucket, Prefix: prefix, MaxKeys: 1000 }),
    );
    tails ||= (page.Contents ?? []).some((object) => (object.Size ?? 0) > 4 * 2 ** 20);
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
    if (keys.length === 0) break;
    await s3.send(
      new DeleteObjectsCommand({ Bucket: info.bucket, Delete: { Objects: keys, Quiet: true } }),
    );
  }
  const uploads = await s3.send(
    new ListMultipartUploadsCommand({ Bucket: info.bucket, Prefix: prefix }),
  );
  for (const upload of uploads.Uploads ?? []) {
    tails = true;
    await s3
      .send(
        new AbortMultipartUploadCommand({
          Bucket: info.bucket,
          Key: upload.Key,
          UploadId: upload.UploadId,
        }),
      )
      .catch(() => {});
  }
  if (tails) await collectGarbage(info);
}

/** @param {RgwInfo} info */
export async function collectGarbage(info) {
  await run(
    'radosgw-admin',
    ['-c', join(info.dir, 'ceph.conf'), 'gc', 'process', '--include-all'],
    {
      timeout: 120_000,
    },
  ).catch(() => {});
}
