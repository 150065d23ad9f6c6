// @ts-check
// Scenario 3: a second run over files that are all already uploaded — nothing to do, so this is
// the cost of finding that out: Ferry stats each file and compares with its journal; rclone and
// the AWS CLI list the prefix and compare. Each tool family first uploads the set once to its own
// prefix (timed, reported as information), then every measured run is a second run on it.
import { join } from 'node:path';

import { makeFileSet } from '../datasets.mjs';
import { failureReason, interleaved, makeRow } from '../lib/measurements.mjs';
import { emptyPrefix, prefixContents } from '../lib/rgw.mjs';
import { dataDir, passIf, times, toolRows } from './shared.mjs';

/**
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('./shared.mjs').Shared} shared
 * @returns {Promise<import('../lib/measurements.mjs').ScenarioResult>}
 */
export async function unchanged(ctx, shared) {
  const shape = shared.scale.unchangedFiles;
  const set = await makeFileSet(dataDir(shared, 'unchanged'), shape);
  // Neither the raw SDK loop nor curl has a notion of "already uploaded".
  const tools = shared.tools.filter((tool) => tool.role !== 'ceiling' && tool.role !== 'floor');
  ctx.log(`scenario 3: ${shape.count} unchanged files, second run`);

  // One prefix (and for Ferry one state dir) per family: "rclone" and "rclone (raised)" share.
  const family = (/** @type {string} */ id) => id.split('-')[0] ?? id;
  /** @type {Map<string, { prefix: string, stateDir: string, error: string | null }>} */
  const prepared = new Map();
  /** @type {import('../lib/measurements.mjs').Row[]} */
  const prepRows = [];
  for (const tool of tools) {
    if (tool.unavailable || prepared.has(family(tool.id))) continue;
    const prefix = ctx.newPrefix();
    const stateDir = join(ctx.work, `unchanged-state-${family(tool.id)}`);
    const measured = await tool.upload({ dir: set.dir, prefix, stateDir });
    const found = await prefixContents(shared.admin, ctx.info.bucket, prefix);
    const error =
      measured.code !== 0
        ? failureReason(measured)
        : found.count !== set.files
          ? `first run uploaded ${found.count} of ${set.files} files`
          : null;
    prepared.set(family(tool.id), { prefix, stateDir, error });
    ctx.log(`  first run ${tool.id}: ${error ?? `${(measured.wallMs / 1000).toFixed(2)} s`}`);
    prepRows.push(
      makeRow(
        {
          tool: `${family(tool.id)}-first-run`,
          label: `${tool.label.replace(' (raised)', '')} first run (information)`,
          role: 'info',
          unit: 's',
          better: 'lower',
        },
        [
          error
            ? { ok: false, error }
            : {
                ok: true,
                value: measured.wallMs / 1000,
                wallMs: Math.round(measured.wallMs),
                peakRssBytes: measured.peakRssBytes,
              },
        ],
      ),
    );
  }

  const runs = await interleaved(
    tools,
    shared.scale.repetitions,
    async (tool) => {
      const prep = prepared.get(family(tool.id));
      if (!prep) return { ok: false, error: 'no first run' };
      if (prep.error) return { ok: false, error: `first run failed: ${prep.error}` };
      const measured = await tool.upload({
        dir: set.dir,
        prefix: prep.prefix,
        stateDir: prep.stateDir,
      });
      if (measured.code !== 0) return { ok: false, error: failureReason(measured) };
      // Ferry says what it did; a second run that uploads is not the scenario.
      if (tool.role === 'ferry' && !/^0 uploaded/m.test(measured.stdout)) {
        return {
          ok: false,
          error: `not a no-op run: ${measured.stdout.trim().split('\n').at(-1)}`,
        };
      }
      return {
        ok: true,
        value: measured.wallMs / 1000,
        wallMs: Math.round(measured.wallMs),
        peakRssBytes: measured.peakRssBytes,
        cpuSeconds: measured.cpuSeconds,
      };
    },
    ctx.log,
  );
  for (const { prefix } of prepared.values()) await emptyPrefix(shared.admin, ctx.info, prefix);

  const { rows, best } = toolRows(tools, runs, 's', 'lower');
  const ferry = rows.find((row) => row.tool === 'ferry');
  return {
    id: 'unchanged-second-run',
    number: 3,
    title: `${shape.count.toLocaleString('en')} unchanged files, second run`,
    params: { ...shape },
    rows: [...rows, ...prepRows],
    bestPeer: best?.tool ?? null,
    targets: [
      {
        text: "Ferry's time ≤ 0.1× the best peer's",
        value: times(ferry?.vsBestPeer),
        pass: passIf(ferry?.vsBestPeer ?? null, (r) => r <= 0.1),
      },
      {
        text: `Ferry ≤ 4 s absolute${shared.scale.name === 'full' ? '' : ' (the target is for 200,000 files; this scale has fewer)'}`,
        value:
          ferry?.median === null || ferry?.median === undefined
            ? 'n/a'
            : `${ferry.median.toFixed(2)} s`,
        pass: passIf(ferry?.median ?? null, (s) => s <= 4),
      },
    ],
    notes: [
      'The raised peer variants reuse the same first run as their default variant.',
      'Ferry keeps the state dir of its first run (its journal); the peers compare against a listing of the prefix.',
    ],
    error: null,
  };
}
