import { createHash } from 'node:crypto';

import { SyncError } from '../../../app/errors/sync-error.js';
import type { Digest } from '../../../app/ports/digest.js';
import { crc64 } from '../../../app/transfer/crc64.js';
import { Md5WorkerPool, type WorkerDigest } from './md5-worker-pool.js';

const MD5_HEX = /^[0-9a-f]{32}$/i;

/**
 * Below this a worker round trip costs more than the hash itself (16 KiB: ~30 µs of MD5 against
 * ~100 µs of messaging); above it the main thread is better off sending other parts meanwhile.
 */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

let pool: Md5WorkerPool | undefined;

const md5Hex = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

/**
 * A large buffer is hashed on a worker; a small one, or any once the pool is broken, on this
 * thread. A worker that dies (out of memory, killed) costs nothing but time: the same hash is
 * computed here instead.
 */
async function offThread(
  bytes: Uint8Array,
  algorithm: WorkerDigest,
  onThisThread: (bytes: Uint8Array) => string,
): Promise<string> {
  pool ??= new Md5WorkerPool();
  if (bytes.byteLength < WORKER_THRESHOLD_BYTES || pool.broken) return onThisThread(bytes);
  try {
    return await pool.hash(bytes, algorithm);
  } catch {
    return onThisThread(bytes);
  }
}

/** The Digest port on node:crypto (and our CRC-64), large hashes on worker threads. */
export const nodeDigest: Digest = {
  md5Hex,

  md5HexAsync: (bytes) => offThread(bytes, 'md5', md5Hex),

  crc64Async: (bytes) => offThread(bytes, 'crc64', crc64),

  // Shared memory travels to a worker without being copied.
  allocate: (size) => new Uint8Array(new SharedArrayBuffer(size)),

  md5OfDigests(md5Hexes) {
    const hash = createHash('md5');
    for (const hex of md5Hexes) {
      // Buffer.from(hex, 'hex') silently drops what is not hex: a malformed digest would give a
      // plausible but wrong multipart ETag instead of an error.
      if (!MD5_HEX.test(hex)) {
        throw new SyncError('internal', 'fatal', `"${hex}" is not a hex MD5 digest.`);
      }
      hash.update(Buffer.from(hex, 'hex'));
    }
    return hash.digest('hex');
  },
};
