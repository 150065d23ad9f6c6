// @ts-check
// The data sets, made once per run in the harness's temp directory and shared by every tool.
// Contents are random (no tool gets to compress or dedupe) and every file differs. Files are
// back-dated by an hour: a file written a moment ago is one Ferry deliberately waits for (it
// may still be being written), and these stand for files that have been on disk for a while.
import { randomBytes, randomFillSync } from 'node:crypto';
import { mkdir, open, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PARALLEL = 64;
const BACKDATE_S = 3600;

/**
 * @typedef {object} FileSet
 * @property {string} dir
 * @property {number} files
 * @property {number} bytes
 */

/**
 * `count` files of `size` bytes spread over `folders` sub-folders (d0000/f000000.bin …).
 * @param {string} dir
 * @param {{ count: number, size: number, folders: number }} shape
 * @returns {Promise<FileSet>}
 */
export async function makeFileSet(dir, shape) {
  const pool = randomBytes(1024 * 1024 + shape.size);
  const perFolder = Math.ceil(shape.count / shape.folders);
  const when = Date.now() / 1000 - BACKDATE_S;
  for (let folder = 0; folder < shape.folders; folder++) {
    await mkdir(join(dir, folderName(folder)), { recursive: true });
  }
  for (let first = 0; first < shape.count; first += PARALLEL) {
    const batch = [];
    for (let i = first; i < Math.min(first + PARALLEL, shape.count); i++) {
      const path = join(
        dir,
        folderName(Math.floor(i / perFolder)),
        `f${String(i).padStart(6, '0')}.bin`,
      );
      const offset = (i * 7919) % (pool.length - shape.size);
      const body = Buffer.from(pool.subarray(offset, offset + shape.size));
      // The index in the first bytes: two files never have the same content.
      body.write(String(i).padStart(Math.min(8, shape.size), '0').slice(-shape.size), 0);
      batch.push(writeFile(path, body).then(() => utimes(path, when, when)));
    }
    await Promise.all(batch);
  }
  return { dir, files: shape.count, bytes: shape.count * shape.size };
}

/**
 * One file of `size` random bytes, written in 8 MiB chunks.
 * @param {string} dir
 * @param {number} size
 * @returns {Promise<FileSet>}
 */
export async function makeLargeFile(dir, size) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'large.bin');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < size;) {
      randomFillSync(chunk);
      const length = Math.min(chunk.length, size - written);
      await handle.write(chunk, 0, length, written);
      written += length;
    }
  } finally {
    await handle.close();
  }
  const when = Date.now() / 1000 - BACKDATE_S;
  await utimes(path, when, when);
  return { dir, files: 1, bytes: size };
}

/** @param {number} index */
function folderName(index) {
  return `d${String(index).padStart(4, '0')}`;
}
