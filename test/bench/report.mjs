// @ts-check
// The results as a markdown report: one table with every measurement (wall-time figure, ratio to
// the best peer, peak RSS, client CPU normalised per 1,000 files or per GiB), one with issue 15's
// targets (PASS/MISS — information only, never a failure), the settings each tool ran with,
// and the notes. Also the machine-readable results' shape (see run-bench.mjs for the file).
import { MB, round } from './lib/measurements.mjs';

/**
 * @typedef {object} Results
 * @property {number} schema
 * @property {string} scale
 * @property {string} startedAt
 * @property {string} finishedAt
 * @property {number} durationSeconds
 * @property {Record<string, string | number>} machine
 * @property {Record<string, string>} versions
 * @property {{ id: string, label: string, role: string, settings: string, unavailable: string | null }[]} tools
 * @property {Record<string, unknown>} settings
 * @property {import('./lib/measurements.mjs').ScenarioResult[]} scenarios
 */

/**
 * @param {Results} results
 * @returns {string}
 */
export function markdownReport(results) {
  const m = results.machine;
  const v = results.versions;
  const budgetMs = /** @type {{ scale?: { repetitionBudgetMs?: unknown } }} */ (results.settings)
    .scale?.repetitionBudgetMs;
  const lines = [
    `## Ferry benchmark — ${results.scale} scale`,
    '',
    `${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.durationSeconds)} s in total. ` +
      `Machine: ${m.os}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}` +
      (m.load1mBefore === undefined
        ? '. '
        : `; 1-minute load average ${m.load1mBefore} at the start, ${m.load1mAfter} at the end. `) +
      `Store: Ceph RGW ${m.objectstore} on loopback${v.gateway ? ` (${v.gateway})` : ''}. ` +
      `Ferry ${v.ferry}, ${v.rclone}, ${v.aws}${v.awscrt ? `, ${v.awscrt}` : ''}${v.curl ? `, ${v.curl}` : ''}, @aws-sdk/client-s3 ${v.sdk}. ` +
      `${results.settings.repetitions} repetition(s) of each measurement, interleaved; medians` +
      (typeof budgetMs === 'number' && Number.isFinite(budgetMs)
        ? ` (fewer where a row lists fewer runs: a measurement starts no round that would end past ${Math.round(budgetMs / 60_000)} min). `
        : '. ') +
      "Times are whole processes, start-up included; Ferry's include its own STS AssumeRole, the peers use one token obtained beforehand.",
    '',
    ...summaryTable(results),
    '### Every measurement',
    '',
    '| # | scenario | tool | median | vs best peer | peak RSS | client CPU | runs |',
    '| - | -------- | ---- | ------ | ------------ | -------- | ---------- | ---- |',
  ];
  for (const scenario of results.scenarios) {
    if (scenario.error) {
      lines.push(
        `| ${scenario.number} | ${scenario.title} | — | n/a (${cell(scenario.error)}) | | | | |`,
      );
      continue;
    }
    scenario.rows.forEach((row, index) => {
      const label = row.role === 'ferry' ? `**${row.label}**` : row.label;
      const cpu =
        row.cpuPer ??
        (row.cpuMedianSeconds !== null && row.cpuMedianSeconds !== undefined
          ? `${round(row.cpuMedianSeconds)} s`
          : '');
      const median =
        row.na !== null
          ? `n/a (${cell(row.na)})`
          : `${round(/** @type {number} */ (row.median))} ${row.unit}`;
      const best = row.tool === scenario.bestPeer ? ' (best)' : '';
      const ratio = row.vsBestPeer === null ? '' : `${row.vsBestPeer.toFixed(2)}×${best}`;
      const rss = row.peakRssMedianBytes ? `${Math.round(row.peakRssMedianBytes / MB)} MB` : '';
      const runs = row.runs
        .map((run) => (run.ok && run.value !== undefined ? String(round(run.value)) : '✗'))
        .join(', ');
      lines.push(
        `| ${index === 0 ? scenario.number : ''} | ${index === 0 ? scenario.title : ''} | ${label} | ${median} | ${ratio} | ${rss} | ${cpu} | ${runs} |`,
      );
    });
  }
  lines.push('', ...targetsTable(results));
  lines.push('', '### Tools and settings', '');
  for (const tool of results.tools) {
    lines.push(
      `- **${tool.label}**: ${tool.settings}${tool.unavailable ? ` — n/a: ${tool.unavailable}` : ''}`,
    );
  }
  // The HTTP and HTTPS results of a scenario share most notes: each once.
  const notes = [
    ...new Set(
      results.scenarios.flatMap((scenario) =>
        scenario.notes.map((note) => `- (${scenario.number}) ${note}`),
      ),
    ),
  ];
  if (notes.length > 0) lines.push('', '### Notes', '', ...notes);
  return `${lines.join('\n')}\n`;
}

/**
 * One line per scenario result: Ferry against the floor, the best peer and rclone's CPU, and how
 * many of issue 15's targets were met — the table the README carries.
 * @param {Results} results
 * @returns {string[]}
 */
export function summaryTable(results) {
  const lines = [
    '### Summary: Ferry against the floor and the best peer (issue 15)',
    '',
    '| # | scenario | Ferry | curl floor | best peer | Ferry ÷ floor | Ferry ÷ best peer | CPU: Ferry ÷ rclone | targets met |',
    '| - | -------- | ----- | ---------- | --------- | ------------- | ----------------- | ------------------- | ----------- |',
  ];
  for (const scenario of results.scenarios) {
    if (scenario.error) {
      lines.push(
        `| ${scenario.number} | ${cell(scenario.title)} | n/a (${cell(scenario.error)}) | | | | | | |`,
      );
      continue;
    }
    const ferry = scenario.rows.find((row) => row.role === 'ferry' && row.median !== null);
    const floor = scenario.rows.find((row) => row.role === 'floor');
    const best = scenario.rows.find((row) => row.tool === scenario.bestPeer);
    const rcloneCpu = scenario.rows
      .filter((row) => row.tool.startsWith('rclone') && typeof row.cpuMedianSeconds === 'number')
      .map((row) => /** @type {number} */ (row.cpuMedianSeconds));
    const show = (/** @type {import('./lib/measurements.mjs').Row | undefined} */ row) =>
      row && row.median !== null ? `${round(row.median)} ${row.unit}` : '—';
    const ratio = (
      /** @type {number | null | undefined} */ a,
      /** @type {number | null | undefined} */ b,
    ) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
    const met = scenario.targets.filter((target) => target.pass === true).length;
    const judged = scenario.targets.filter((target) => target.pass !== null).length;
    lines.push(
      `| ${scenario.number} | ${cell(scenario.title)} | ${show(ferry)} | ${show(floor)} | ${best ? `${cell(best.label)} ${show(best)}` : '—'} | ${ratio(ferry?.median, floor?.median)} | ${ratio(ferry?.median, best?.median)} | ${ratio(ferry?.cpuMedianSeconds, rcloneCpu.length > 0 ? Math.min(...rcloneCpu) : null)} | ${met} of ${judged} |`,
    );
  }
  lines.push(
    '',
    'Ratios are of the figure in the row’s unit: for s lower is better, for MB/s higher is better. CPU: user + sys of the process tree against the leaner rclone configuration.',
    '',
  );
  return lines;
}

/**
 * Every target of issue 15 with its measured ratio or value and PASS / MISS / n/a.
 * @param {Results} results
 * @returns {string[]}
 */
export function targetsTable(results) {
  const lines = [
    '### Targets (issue 15; ratios within this run; informational, never a failure)',
    '',
    '| # | target | measured | result |',
    '| - | ------ | -------- | ------ |',
  ];
  for (const scenario of results.scenarios) {
    for (const target of scenario.targets) {
      const verdict = target.pass === null ? 'n/a' : target.pass ? 'PASS' : '**MISS**';
      lines.push(
        `| ${scenario.number} | ${cell(target.text)} | ${cell(target.value)} | ${verdict} |`,
      );
    }
  }
  return lines;
}

/** @param {string} text  safe inside a table cell */
function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
