// @ts-check
// Micro-benchmark of the transfer queue alone (issue 15): N small uploads enqueued before the
// runner exists — as a first scan's plan is applied before uploads start — then run with a
// runner that returns at once, so only the queue's own bookkeeping is timed. Reports this
// process's CPU (process.cpuUsage: user + sys). Give it a built tree (`npx tsc -b` writes
// out/app/…) to compare two builds, e.g. a clone at an older commit against this one:
//
//   node test/bench/queue-microbench.mjs [out=out] [transfers=100000]
//
// Measured 2026-11-30 (Node 20): 100,000 transfers 5.67 CPU-s with lanes taken from by
// splice(index, 1), 0.40 with QueueLane (app/transfer/queue-lane.ts); 50,000: 1.26 → 0.21.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = resolve(process.argv[2] ?? 'out');
const count = Number(process.argv[3] ?? 100_000);
const { TransferQueue } = await import(pathToFileURL(`${out}/app/transfer/transfer-queue.js`).href);
const queue = new TransferQueue({
  concurrency: 8,
  largeFileBytes: 8 * 2 ** 20,
  maxLargeConcurrent: 2,
  historyLimit: 200,
  now: () => Date.now(),
});
for (let i = 0; i < count; i++) {
  queue.enqueue({ folderId: 'data', relativePath: `d/f${i}.bin`, kind: 'upload', size: 16_384 });
}
const started = process.cpuUsage();
queue.runWith(async () => {});
await queue.whenIdle();
const used = process.cpuUsage(started);
console.log(
  `${count} transfers through the queue (${out}): ${((used.user + used.system) / 1e6).toFixed(2)} CPU-s`,
);
