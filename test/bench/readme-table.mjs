// @ts-check
// Where a run's results go besides latest.json / latest.md: a copy named after what ran
// (`full.md`, `full-scenarios-3.md`, `quick.md`, …, so a partial full run does not replace the
// last complete one), and — for a complete run (every scenario and tool) — the summary table in
// README.md's "Performance" section, between the markers
//   <!-- bench-summary:<scale> --> … <!-- /bench-summary:<scale> -->
// with the date, the duration and the command. Only the text between the markers is replaced;
// without them (or on a partial run) README.md is left alone.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { summaryTable, targetsTable } from './report.mjs';

/**
 * The results file's base name: the scale, then what was left out.
 * @param {string} scale
 * @param {{ only: number[] | null, tools: string[] | null, curve: number[] | null }} filters
 */
export function resultsName(scale, filters) {
  let name = scale;
  if (filters.only) name += `-scenarios-${[...filters.only].sort((a, b) => a - b).join('-')}`;
  if (filters.tools) name += `-tools-${filters.tools.join('-')}`;
  if (filters.curve) name += `-curve-${filters.curve.join('-') || 'none'}`;
  return name;
}

/**
 * Replaces the text between the scale's markers; returns the new README, or null when the
 * markers are missing.
 * @param {string} readme
 * @param {import('./report.mjs').Results} results
 * @param {string} file  the results file, relative to the repository
 */
export function withSummary(readme, results, file) {
  const open = `<!-- bench-summary:${results.scale} -->`;
  const close = `<!-- /bench-summary:${results.scale} -->`;
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) return null;
  const command = results.scale === 'quick' ? 'npm run bench' : `npm run bench -- ${results.scale}`;
  const minutes = Math.round(results.durationSeconds / 60);
  const block = [
    open,
    '',
    `\`${command}\`, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${minutes} min; ` +
      `1-minute load average ${results.machine.load1mBefore} → ${results.machine.load1mAfter}; ` +
      `every measurement in \`${file}\` (written by the run):`,
    '',
    ...summaryTable(results).slice(2),
    ...targetsTable(results),
    close,
  ];
  return `${readme.slice(0, start)}${block.join('\n')}${readme.slice(end + close.length)}`;
}

/**
 * Writes `<name>.json` / `<name>.md` beside latest.*, and the README block on a complete run.
 * @param {{ repoRoot: string, outDir: string, results: import('./report.mjs').Results, markdown: string, filters: { only: number[] | null, tools: string[] | null, curve: number[] | null }, defaultOut: boolean }} options
 * @returns {Promise<string[]>} what was written
 */
export async function writeNamedResults(options) {
  const { results, filters } = options;
  const name = resultsName(results.scale, filters);
  const json = join(options.outDir, `${name}.json`);
  const md = join(options.outDir, `${name}.md`);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(md, options.markdown);
  const written = [json, md];
  const complete = !filters.only && !filters.tools && !filters.curve;
  // The README only follows runs into the repository's own results folder.
  if (complete && options.defaultOut && results.scale !== 'smoke') {
    const path = join(options.repoRoot, 'README.md');
    const readme = await readFile(path, 'utf8');
    const updated = withSummary(readme, results, `test/bench/results/${name}.md`);
    if (updated !== null && updated !== readme) {
      // `npm run lint` runs `prettier --check .`: the tables are aligned the way it wants them
      // (the rest of the README already is, so only the block changes).
      const prettier = await import('prettier');
      const config = (await prettier.resolveConfig(path)) ?? {};
      await writeFile(path, await prettier.format(updated, { ...config, filepath: path }));
      written.push(path);
    }
  }
  return written;
}
