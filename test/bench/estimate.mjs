// @ts-check
// How long a run will take, printed before it starts (issue 15: the full scale runs for hours,
// and whoever starts it should know how many). A rough model from what each scenario does, with
// per-file and per-byte costs measured by the harness on the 2-core VM it was written on (client
// and RGW on the same 2 cores, load average 5-12; 2026-11-30). A quieter or bigger machine is
// faster; the printed figure is an order of magnitude, not a promise.

import { RECORD_DIRECTLY_FROM } from './lib/record-journal.mjs';

/** Seconds per file for one tool's first upload of small files (rclone 1.9 ms … aws CRT 5 ms). */
const UPLOAD_S_PER_FILE = 0.003;
/** Seconds per file of a Ferry first upload of a big tree (scenario 3's 200,000: 3.5 ms). */
const FERRY_TREE_S_PER_FILE = 0.0035;
/** Seconds per file of a peer's no-op second run: rclone ~1 ms (it HEADs every object for the
 *  mtime it stored), the AWS CLI 0.2-0.5 ms (a listing); 200,000 files, 2026-11-30. */
const PEER_NOOP_S_PER_FILE = 0.0006;
/** Seconds per file of the peer first run that seeds scenario 3 (rclone (raised): 4.3 ms). */
const SEED_S_PER_FILE = 0.0043;
/** Seconds per file of Ferry's restart on a known tree (scan + journal compare). */
const FERRY_NOOP_S_PER_FILE = 0.00005;
/** Seconds per file to make a data set (writes + utimes). */
const MAKE_S_PER_FILE = 0.00008;
/** Seconds per file to write a journal row instead of uploading (lib/record-journal.mjs). */
const RECORD_S_PER_FILE = 0.00003;
/** Bytes per second of a large-file upload (the slowest peer, rclone: ~130 MB/s). */
const LARGE_BYTES_PER_S = 130e6;
/** Per measured process: spawn, STS, emptying the prefix afterwards. */
const PER_RUN_S = 1.5;
/** RGW start, gateway, credentials, peer tools present. */
const SETUP_S = 30;

/**
 * Estimated seconds per scenario number, and in total.
 * @param {import('./scales.mjs').Scale} scale
 * @param {{ only: number[] | null, tools: number }} options  tools: how many run in scenarios 1-3
 * @returns {{ total: number, perScenario: Map<number, number> }}
 */
export function estimateSeconds(scale, options) {
  const { repetitions: reps, httpsRepetitions: httpsReps } = scale;
  const tools = options.tools;
  const small = scale.smallFiles.count;
  const unchanged = scale.unchangedFiles.count;
  /** @type {[number, number][]} */
  const parts = [
    [
      1,
      small * MAKE_S_PER_FILE +
        (reps + httpsReps) * tools * (small * UPLOAD_S_PER_FILE + PER_RUN_S),
    ],
    [
      2,
      scale.largeFileBytes / 400e6 +
        (reps + httpsReps) * tools * (scale.largeFileBytes / LARGE_BYTES_PER_S + PER_RUN_S),
    ],
    // Five variants: the one-file sync, module loading, help, bare node, RSS; ~2 s each.
    [6, reps * 5 * 2 + 10],
    [
      3,
      unchanged * MAKE_S_PER_FILE +
        // Ferry's first run and the one peer first run that seeds the peers' prefix.
        unchanged * (FERRY_TREE_S_PER_FILE + SEED_S_PER_FILE) +
        rounds(
          scale,
          // Neither the curl floor nor the raw SDK loop runs here.
          Math.max(0, tools - 3) * (unchanged * PEER_NOOP_S_PER_FILE + PER_RUN_S) +
            (unchanged * FERRY_NOOP_S_PER_FILE + PER_RUN_S),
        ) +
        unchanged * 0.0019, // emptying the two prefixes (370 s for 2 × 200,000 objects)
    ],
    [4, reps * ((scale.watch.writes * scale.watch.spacingMs) / 1000 + 15)],
    [
      5,
      [scale.watchTree, ...scale.watchCurve].reduce(
        (sum, point) =>
          sum +
          point.count *
            (MAKE_S_PER_FILE +
              (point.count >= RECORD_DIRECTLY_FROM ? RECORD_S_PER_FILE : FERRY_TREE_S_PER_FILE) +
              0.0005) +
          // Restarts: the main point twice per repetition (own watcher, chokidar), a curve point once.
          (point === scale.watchTree ? 2 * reps : 1) * (point.count * 0.0001 + 5),
        0,
      ),
    ],
  ];
  const perScenario = new Map(
    parts.filter(([number]) => !options.only || options.only.includes(number)),
  );
  const total = SETUP_S + [...perScenario.values()].reduce((sum, s) => sum + s, 0);
  return { total, perScenario };
}

/**
 * The time of the rounds of one interleaved measurement: as many as the scale's repetitions, or
 * fewer when they would pass its budget (lib/measurements.mjs `interleaved`).
 * @param {import('./scales.mjs').Scale} scale
 * @param {number} roundSeconds
 */
function rounds(scale, roundSeconds) {
  let count = 1;
  while (
    count < scale.repetitions &&
    (count + 1) * roundSeconds * 1000 <= scale.repetitionBudgetMs
  ) {
    count++;
  }
  return count * roundSeconds;
}

/**
 * "about 2 h 10 min (1: 5 min, 2: 6 min, …)".
 * @param {{ total: number, perScenario: Map<number, number> }} estimate
 */
export function describeEstimate(estimate) {
  const each = [...estimate.perScenario.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, seconds]) => `${number}: ${duration(seconds)}`);
  return `about ${duration(estimate.total)} (${each.join(', ')})`;
}

/** @param {number} seconds */
function duration(seconds) {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
