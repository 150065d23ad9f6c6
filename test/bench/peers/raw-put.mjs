// @ts-check
// The physical ceiling: the same files sent with the raw SDK and no sync logic at all — no
// journal, no hashing, no stability checks, no verification. Files up to the part size go in one
// PutObject, `concurrency` at a time; larger ones as a plain multipart upload with the same part
// size and part concurrency as Ferry. The S3 client is configured like Ferry's (keep-alive,
// sockets = concurrency × part concurrency, checksums only when required).
//
// Usage: node raw-put.mjs DIR ENDPOINT BUCKET PREFIX CONCURRENCY PART_SIZE PART_CONCURRENCY
// Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
// Prints {"files":N,"bytes":N,"ms":N} on success.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { join, relative, sep } from 'node:path';

import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

const [dir, endpoint, bucket, prefix, concurrencyText, partSizeText, partConcurrencyText] =
  process.argv.slice(2);
if (!dir || !endpoint || !bucket || prefix === undefined || !partConcurrencyText) {
  process.stderr.write(
    'usage: raw-put.mjs DIR ENDPOINT BUCKET PREFIX CONCURRENCY PART_SIZE PART_CONCURRENCY\n',
  );
  process.exit(64);
}
const concurrency = Number(concurrencyText);
const partSize = Number(partSizeText);
const partConcurrency = Number(partConcurrencyText);

const s3 = new S3Client({
  region: 'us-east-1',
  endpoint,
  forcePathStyle: true,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  maxAttempts: 3,
  requestHandler: {
    httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency * partConcurrency }),
    // HTTPS endpoints (the CA comes from NODE_EXTRA_CA_CERTS).
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: concurrency * partConcurrency }),
  },
});

/** @param {string} root */
async function listFiles(root) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} folder */
  const walk = async (folder) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk(root);
  return files;
}

/**
 * Runs `work` over `items` with at most `limit` at once.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<void>} work
 */
async function pool(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = /** @type {T} */ (items[next++]);
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** @param {string} path @param {string} key @param {number} size */
async function multipart(path, key, size) {
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
  );
  const handle = await open(path, 'r');
  try {
    const numbers = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i + 1);
    /** @type {{ PartNumber: number, ETag: string | undefined }[]} */
    const parts = [];
    await pool(numbers, partConcurrency, async (partNumber) => {
      const offset = (partNumber - 1) * partSize;
      const body = Buffer.alloc(Math.min(partSize, size - offset));
      await handle.read(body, 0, body.length, offset);
      const answer = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          PartNumber: partNumber,
          Body: body,
        }),
      );
      parts.push({ PartNumber: partNumber, ETag: answer.ETag });
    });
    parts.sort((a, b) => a.PartNumber - b.PartNumber);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } finally {
    await handle.close();
  }
}

const started = performance.now();
const files = await listFiles(dir);
let bytes = 0;
await pool(files, concurrency, async (path) => {
  const key = prefix + relative(dir, path).split(sep).join('/');
  const { size } = await stat(path);
  bytes += size;
  if (size > partSize) {
    await multipart(path, key, size);
  } else {
    const body = await readFile(path);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }
});
process.stdout.write(
  `${JSON.stringify({ files: files.length, bytes, ms: Math.round(performance.now() - started) })}\n`,
);
s3.destroy();
