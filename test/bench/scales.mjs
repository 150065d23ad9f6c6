// @ts-check
// The sizes of each scenario per scale. `full` is issue 15's; `quick` divides the counts and
// the large file so the whole run stays under 5 minutes; `smoke` only proves the harness works
// end to end (tiny data, one repetition; used by the CI smoke test).

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * @typedef {object} Scale
 * @property {'full' | 'quick' | 'smoke'} name
 * @property {number} repetitions
 * @property {number} httpsRepetitions  of the HTTPS variants of scenarios 1 and 2
 * @property {{ count: number, size: number, folders: number }} smallFiles      scenario 1
 * @property {number} largeFileBytes                                              scenarios 2, 6
 * @property {{ count: number, size: number, folders: number }} unchangedFiles  scenario 3
 * @property {{ writes: number, spacingMs: number }} watch                        scenario 4
 * @property {{ count: number, size: number, folders: number }} watchTree       scenario 5
 * @property {{ count: number, size: number, folders: number }[]} watchCurve   scenario 5's
 *   other points of the curve (time to ready and peak RSS, one run each; 1M only in full)
 * @property {number} timeoutMs   per measured process
 * @property {number} repetitionBudgetMs  a measurement stops starting new repetitions once
 *   another would end past this (lib/measurements.mjs `interleaved`; the first always runs)
 * @property {number} memstoreBytes
 */

/** @type {Record<Scale['name'], Scale>} */
export const SCALES = {
  full: {
    name: 'full',
    repetitions: 3,
    httpsRepetitions: 3,
    smallFiles: { count: 2_000, size: 16 * KiB, folders: 10 },
    largeFileBytes: GiB,
    unchangedFiles: { count: 200_000, size: 4 * KiB, folders: 1_000 },
    watch: { writes: 200, spacingMs: 250 },
    watchTree: { count: 100_000, size: 16, folders: 1_000 },
    watchCurve: [
      { count: 10_000, size: 16, folders: 100 },
      { count: 1_000_000, size: 16, folders: 10_000 },
    ],
    timeoutMs: 60 * 60_000, // a first run of 200,000 files takes a peer ~15 min here
    // Scenario 3's second runs at 200,000 files: ~15 min a round (rclone 177-212 s, it HEADs
    // every object for its mtime; Ferry 13 s); one round, not three. Scenarios 1-2 fit 3 rounds.
    repetitionBudgetMs: 20 * 60_000,
    memstoreBytes: 6 * GiB,
  },
  quick: {
    name: 'quick',
    // Eight tools × two transports: two rounds over HTTP and one over HTTPS keep the quick run
    // under 5 minutes even on a loaded machine (7.6 min with three rounds at load average 35).
    repetitions: 2,
    httpsRepetitions: 1,
    smallFiles: { count: 200, size: 16 * KiB, folders: 10 },
    largeFileBytes: 64 * MiB,
    unchangedFiles: { count: 1_000, size: 4 * KiB, folders: 20 },
    watch: { writes: 40, spacingMs: 250 },
    // Its first upload is most of scenario 5's time here.
    watchTree: { count: 2_500, size: 16, folders: 25 },
    watchCurve: [],
    timeoutMs: 5 * 60_000,
    repetitionBudgetMs: Infinity,
    memstoreBytes: 4 * GiB,
  },
  smoke: {
    name: 'smoke',
    repetitions: 1,
    httpsRepetitions: 1,
    smallFiles: { count: 20, size: 16 * KiB, folders: 2 },
    // Just over Ferry's 8 MiB part size: the multipart path runs, with 2 parts.
    largeFileBytes: 12 * MiB,
    unchangedFiles: { count: 100, size: 4 * KiB, folders: 2 },
    watch: { writes: 5, spacingMs: 250 },
    watchTree: { count: 500, size: 16, folders: 10 },
    watchCurve: [],
    timeoutMs: 3 * 60_000,
    repetitionBudgetMs: Infinity,
    memstoreBytes: 1 * GiB,
  },
};
