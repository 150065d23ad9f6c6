// @ts-check
// What the runner hands every scenario, and the small helpers they share.
import { join } from 'node:path';

import { compareToBestPeer, makeRow } from '../lib/measurements.mjs';

/**
 * @typedef {object} Shared
 * @property {import('@aws-sdk/client-s3').S3Client} admin  admin S3 client (verification, cleanup)
 * @property {import('../lib/context.mjs').Tool[]} tools   Ferry, the peers, the raw SDK loop
 * @property {import('../scales.mjs').Scale} scale
 * @property {Map<string, import('../lib/measurements.mjs').ScenarioResult>} previous
 * @property {string} data  where data sets go
 * @property {Map<string, import('../datasets.mjs').FileSet>} sets  data sets the HTTP and HTTPS
 *   variants of a scenario share (dropped with `data` after each scenario number)
 */

/**
 * Rows for every tool (n/a ones included, with their reason) and the ratios to the best peer.
 * @param {import('../lib/context.mjs').Tool[]} tools
 * @param {Map<string, import('../lib/measurements.mjs').Run[]>} runs
 * @param {string} unit
 * @param {'lower' | 'higher'} better
 */
export function toolRows(tools, runs, unit, better) {
  const rows = tools.map((tool) =>
    makeRow(
      { tool: tool.id, label: tool.label, role: tool.role, unit, better },
      runs.get(tool.id) ?? [],
      tool.unavailable ? `not available: ${tool.unavailable}` : null,
    ),
  );
  const best = compareToBestPeer(rows);
  return { rows, best };
}

/**
 * Fills in each row's normalised client CPU (e.g. per 1,000 files) from its median CPU seconds.
 * @param {import('../lib/measurements.mjs').Row[]} rows
 * @param {(seconds: number) => string} per
 */
export function cpuPerRow(rows, per) {
  for (const row of rows) {
    if (
      row.cpuMedianSeconds !== null &&
      row.cpuMedianSeconds !== undefined &&
      row.median !== null
    ) {
      row.cpuPer = per(row.cpuMedianSeconds);
    }
  }
}

/**
 * @param {Shared} shared
 * @param {string} name
 */
export function dataDir(shared, name) {
  return join(shared.data, name);
}

/**
 * "0.42×" or "n/a".
 * @param {number | null | undefined} ratio
 */
export function times(ratio) {
  return ratio === null || ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}×`;
}

/**
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
export function ratioOf(a, b) {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
}

/**
 * @param {number | null} value
 * @param {(v: number) => boolean} test
 */
export function passIf(value, test) {
  return value === null ? null : test(value);
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves with `value` after `ms` without keeping the process alive (for Promise.race
 * deadlines that usually lose the race).
 * @template T
 * @param {number} ms
 * @param {T} value
 * @returns {Promise<T>}
 */
export function after(ms, value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}
