import { createHash, randomBytes } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { crc64 } from '../../../../../app/transfer/crc64.js';
import { Md5WorkerPool } from '../../../../../main/adapters/digest/md5-worker-pool.js';
import { nodeDigest } from '../../../../../main/adapters/digest/node-digest.js';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const KiB = 1024;

describe('nodeDigest.md5HexAsync', () => {
  it.each([0, 1, 16 * KiB, 300 * KiB, 3 * 1024 * KiB])(
    'equals md5Hex for %i bytes, in plain and in allocate()d memory',
    async (size) => {
      const bytes = randomBytes(size);
      const shared = nodeDigest.allocate(size);
      shared.set(bytes);
      expect(await nodeDigest.md5HexAsync(bytes)).toBe(md5(bytes));
      expect(await nodeDigest.md5HexAsync(shared)).toBe(md5(bytes));
      expect(nodeDigest.md5Hex(shared)).toBe(md5(bytes));
    },
  );

  it('hashes exactly the view it is given, not the whole buffer behind it', async () => {
    const shared = nodeDigest.allocate(2048 * KiB);
    shared.set(randomBytes(shared.byteLength));
    const view = shared.subarray(100, 100 + 1024 * KiB + 7);
    expect(await nodeDigest.md5HexAsync(view)).toBe(md5(Buffer.from(view)));
  });

  it('keeps many concurrent hashes apart', async () => {
    const inputs = Array.from({ length: 24 }, () => randomBytes(512 * KiB));
    const digests = await Promise.all(inputs.map((bytes) => nodeDigest.md5HexAsync(bytes)));
    expect(digests).toEqual(inputs.map(md5));
  });

  it('allocates zeroed memory of the asked size', () => {
    const buffer = nodeDigest.allocate(4096);
    expect(buffer.byteLength).toBe(4096);
    expect(buffer.every((byte) => byte === 0)).toBe(true);
  });
});

describe('Md5WorkerPool', () => {
  const pools: Md5WorkerPool[] = [];
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.close();
  });

  it('hashes on worker threads', async () => {
    const pool = new Md5WorkerPool({ size: 2 });
    pools.push(pool);
    const bytes = randomBytes(1024 * KiB);
    expect(await pool.hash(bytes)).toBe(md5(bytes));
  });

  it('rejects the jobs of a worker that dies, and gives up after repeated deaths', async () => {
    const pool = new Md5WorkerPool({ size: 1, source: 'process.exit(3)' });
    pools.push(pool);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(pool.broken).toBe(false);
      await expect(pool.hash(randomBytes(KiB))).rejects.toThrow(/exited with code 3/);
    }
    expect(pool.broken).toBe(true);
    await expect(pool.hash(randomBytes(KiB))).rejects.toThrow(/broken/);
  });
});

describe('nodeDigest.crc64Async (OSS CRC-64)', () => {
  it.each([0, 9, 300 * KiB, 3 * 1024 * KiB])(
    'equals the main-thread crc64 for %i bytes, in plain and in allocate()d memory',
    async (size) => {
      const bytes = randomBytes(size);
      const shared = nodeDigest.allocate(size);
      shared.set(bytes);
      expect(await nodeDigest.crc64Async(bytes)).toBe(crc64(bytes));
      expect(await nodeDigest.crc64Async(shared)).toBe(crc64(bytes));
    },
  );

  it('a worker computes it from the engine’s own source text', async () => {
    const pool = new Md5WorkerPool({ size: 1 });
    try {
      const bytes = randomBytes(1024 * KiB + 3);
      expect(await pool.hash(bytes, 'crc64')).toBe(crc64(bytes));
      expect(await pool.hash(bytes)).toBe(md5(bytes));
    } finally {
      await pool.close();
    }
  });
});
