// @ts-check
// Repetitions, interleaving and the numbers derived from them (median, percentiles, the ratio
// to the best peer). Every scenario reports rows of the same shape, which report.mjs prints.
import { stopping } from './processes.mjs';

/**
 * @typedef {object} Run
 * @property {boolean} ok
 * @property {number} [value]         in the row's unit
 * @property {number} [wallMs]
 * @property {number} [peakRssBytes]
 * @property {number | null} [cpuSeconds]  user + sys of the tool's process tree
 * @property {string} [error]
 * @property {Record<string, unknown>} [extra]
 */

/**
 * @typedef {object} Row
 * @property {string} tool         tool id (or a label for Ferry-only measurements)
 * @property {string} label
 * @property {'ferry' | 'peer' | 'ceiling' | 'floor' | 'info'} role
 * @property {string} unit         "s", "MB/s", "ms", "MB"
 * @property {'lower' | 'higher'} better
 * @property {Run[]} runs
 * @property {number | null} median
 * @property {number | null} peakRssMedianBytes
 * @property {number | null} [cpuMedianSeconds]  median client CPU seconds per run
 * @property {string | null} [cpuPer]  the row's CPU normalised, e.g. "1.2 s per 1,000 files"
 * @property {string | null} na    why there is no number
 * @property {number | null} vsBestPeer  median ÷ best peer's median
 */

/**
 * @typedef {object} Target
 * @property {string} text    what the issue asks for
 * @property {string} value   what was measured, as text
 * @property {boolean | null} pass  null: could not be evaluated
 * @property {string} [why]
 */

/**
 * @typedef {object} ScenarioResult
 * @property {string} id
 * @property {number} number
 * @property {string} title
 * @property {Record<string, unknown>} params
 * @property {Row[]} rows
 * @property {string | null} bestPeer
 * @property {Target[]} targets
 * @property {string[]} notes
 * @property {string | null} error  the scenario itself could not run
 */

/** @param {number[]} values */
export function median(values) {
  return percentile(values, 50);
}

/**
 * Nearest-rank percentile.
 * @param {number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) {
    return ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/**
 * A row from its runs: the median of the successful ones; "n/a" with the first error when none
 * succeeded.
 * @param {{ tool: string, label: string, role: Row['role'], unit: string, better: Row['better'] }} what
 * @param {Run[]} runs
 * @param {string | null} [unavailable]
 * @returns {Row}
 */
export function makeRow(what, runs, unavailable = null) {
  const good = runs.filter((run) => run.ok && run.value !== undefined);
  const values = good.map((run) => /** @type {number} */ (run.value));
  const rss = good.map((run) => run.peakRssBytes ?? 0).filter((bytes) => bytes > 0);
  const cpu = good.map((run) => run.cpuSeconds).filter((seconds) => typeof seconds === 'number');
  const firstError = runs.find((run) => !run.ok)?.error;
  return {
    ...what,
    runs,
    median: median(values),
    peakRssMedianBytes: median(rss),
    cpuMedianSeconds: median(/** @type {number[]} */ (cpu)),
    cpuPer: null,
    na: unavailable ?? (values.length === 0 ? (firstError ?? 'no successful run') : null),
    vsBestPeer: null,
  };
}

/**
 * Fills in each row's ratio to the best peer (fastest time, highest throughput).
 * @param {Row[]} rows
 * @returns {Row | null} the best peer's row
 */
export function compareToBestPeer(rows) {
  const peers = rows.filter((row) => row.role === 'peer' && row.median !== null);
  if (peers.length === 0) return null;
  const best = peers.reduce((a, b) => {
    const am = /** @type {number} */ (a.median);
    const bm = /** @type {number} */ (b.median);
    return (a.better === 'lower' ? bm < am : bm > am) ? b : a;
  });
  const bestMedian = /** @type {number} */ (best.median);
  for (const row of rows) {
    if (row.median !== null && row.role !== 'info' && bestMedian > 0) {
      row.vsBestPeer = row.median / bestMedian;
    }
  }
  return best;
}

let repetitionBudgetMs = Infinity;

/**
 * The wall time one interleaved measurement may take before it stops starting new repetitions
 * (the first always runs): scenario 3 at full scale is ~15 min per round of second runs (rclone
 * HEADs every object for its mtime), and three rounds would make the full run an hour longer.
 * @param {number} ms
 */
export function setRepetitionBudget(ms) {
  repetitionBudgetMs = ms;
}

/**
 * Runs `measureOnce` for every tool, `repetitions` times, interleaved (A B C A B C …) so that a
 * slow phase of the machine is spread over every tool instead of landing on one.
 * @template {{ id: string, unavailable: string | null }} T
 * @param {T[]} tools
 * @param {number} repetitions
 * @param {(tool: T, repetition: number) => Promise<Run>} measureOnce
 * @param {(line: string) => void} log
 * @returns {Promise<Map<string, Run[]>>}
 */
export async function interleaved(tools, repetitions, measureOnce, log) {
  /** @type {Map<string, Run[]>} */
  const runs = new Map(tools.map((tool) => [tool.id, []]));
  const started = performance.now();
  for (let repetition = 0; repetition < repetitions; repetition++) {
    // Another round only if it should end within the budget, judged by the rounds so far.
    const elapsed = performance.now() - started;
    if (repetition > 0 && (elapsed / repetition) * (repetition + 1) > repetitionBudgetMs) {
      log(
        `  stopping after ${repetition} of ${repetitions} repetitions: another would pass the ${Math.round(repetitionBudgetMs / 60_000)} min budget (each took ~${Math.round(elapsed / repetition / 1000)} s)`,
      );
      break;
    }
    for (const tool of tools) {
      if (stopping()) throw new Error('interrupted');
      if (tool.unavailable) continue;
      /** @type {Run} */
      let run;
      try {
        run = await measureOnce(tool, repetition);
      } catch (error) {
        run = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      runs.get(tool.id)?.push(run);
      log(
        `  ${tool.id} #${repetition + 1}: ${run.ok ? `${round(run.value ?? 0)}` : `failed: ${run.error}`}`,
      );
    }
  }
  return runs;
}

/**
 * The last meaningful line of a failed process's output, short enough for a table cell.
 * @param {import('./processes.mjs').Measured} measured
 */
export function failureReason(measured) {
  if (measured.code === 124) return 'timed out';
  const lines = `${measured.stderr}\n${measured.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/NOTICE: Config file/.test(line));
  const last = lines.at(-1) ?? '';
  return `exit ${measured.code}${last ? `: ${last.slice(0, 160)}` : ''}`;
}

/** @param {number} value */
export function round(value) {
  if (value >= 100) return Math.round(value);
  if (value >= 10) return Math.round(value * 10) / 10;
  return Math.round(value * 100) / 100;
}

export const MB = 1e6;
export const MiB = 2 ** 20;
