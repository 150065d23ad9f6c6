// @ts-check
// The loader hook of record-loaded-modules.mjs: every ES module's URL, as it is loaded.
import { appendFileSync } from 'node:fs';

/** @type {string} */
let log = '';

/** @param {{ log: string }} data */
export function initialize(data) {
  log = data.log;
}

/**
 * @param {string} url
 * @param {unknown} context
 * @param {(url: string, context: unknown) => Promise<unknown>} next
 */
export async function load(url, context, next) {
  appendFileSync(log, `${url}\n`);
  return next(url, context);
}
