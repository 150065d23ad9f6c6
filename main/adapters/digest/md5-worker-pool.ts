import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { crc64Engine } from '../../../app/transfer/crc64.js';

/**
 * The worker's whole program, evaluated from a string: no file to locate next to the compiled
 * code (or inside an asar archive). A SharedArrayBuffer-backed view arrives shared, anything
 * else as a copy; either way the hash is of exactly the bytes posted. The CRC-64 is the very
 * function app/transfer/crc64.ts runs, inlined from its source text (it is self-contained).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
// esbuild's keep-names helper, in case a test transform added it to the function text below.
const __name = (target) => target;
const crc64 = (${String(crc64Engine)})();
parentPort.on('message', ({ id, bytes, algorithm }) => {
  try {
    const digest =
      algorithm === 'crc64'
        ? crc64.update('0', bytes)
        : createHash('md5').update(bytes).digest('hex');
    parentPort.postMessage({ id, digest });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/** What a worker computes: MD5 (hex) or OSS's CRC-64 (decimal). */
export type WorkerDigest = 'md5' | 'crc64';

/** Workers that fail before the pool stops trying (the caller then hashes on its own thread). */
const MAX_FAILURES = 3;

interface Job {
  readonly resolve: (md5: string) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly jobs: Map<number, Job>;
}

export interface Md5WorkerPoolOptions {
  /** Default: one fewer than the cores (at least 1, at most 4): the main thread keeps one. */
  readonly size?: number;
  /** Tests only: a different worker program (one that crashes, say). */
  readonly source?: string;
}

/**
 * MD5 on worker threads, so hashing an 8 MiB part (tens of milliseconds) does not stall the
 * event loop that is sending the other parts. Workers start on first use and never keep the
 * process alive while idle. When a worker dies its jobs are rejected; after a few failures the
 * pool reports itself broken and callers hash on their own thread.
 */
export class Md5WorkerPool {
  private readonly size: number;
  private readonly source: string;
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private failures = 0;

  constructor(options: Md5WorkerPoolOptions = {}) {
    this.size = options.size ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.source = options.source ?? WORKER_SOURCE;
  }

  get broken(): boolean {
    return this.failures >= MAX_FAILURES;
  }

  hash(bytes: Uint8Array, algorithm: WorkerDigest = 'md5'): Promise<string> {
    if (this.broken) return Promise.reject(new Error('the MD5 worker pool is broken'));
    const target = this.leastBusy();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      target.jobs.set(id, { resolve, reject });
      target.worker.ref(); // pending work keeps the process alive, idle workers do not
      target.worker.postMessage({ id, bytes, algorithm });
    });
  }

  /** Ends every worker (their pending jobs are rejected). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((entry) => entry.worker.terminate()));
  }

  private leastBusy(): PoolWorker {
    const idle = this.workers.find((entry) => entry.jobs.size === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) return this.start();
    return this.workers.reduce((best, entry) => (entry.jobs.size < best.jobs.size ? entry : best));
  }

  private start(): PoolWorker {
    const worker = new Worker(this.source, { eval: true });
    worker.unref();
    const entry: PoolWorker = { worker, jobs: new Map() };
    worker.on('message', (message: { id: number; digest?: string; error?: string }) => {
      const job = entry.jobs.get(message.id);
      entry.jobs.delete(message.id);
      if (entry.jobs.size === 0) worker.unref();
      if (message.digest !== undefined) job?.resolve(message.digest);
      else job?.reject(new Error(message.error ?? 'digest worker answered without a digest'));
    });
    const fail = (error: Error) => {
      const index = this.workers.indexOf(entry);
      if (index < 0) return; // already handled, or closed on purpose
      this.workers.splice(index, 1);
      this.failures += 1;
      for (const job of entry.jobs.values()) job.reject(error);
      entry.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`MD5 worker exited with code ${code}`)));
    this.workers.push(entry);
    return entry;
  }
}
