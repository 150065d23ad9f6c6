// Scenario 3: a second run over files that are all already uploaded — nothing to do, so this is
// the cost of finding that out: Ferry stats each file and compares with its journal; rclone and
// the AWS CLI list the prefix and compare (rclone: size and the mtime it stored as metadata; the
// AWS CLI: size, and a remote LastModified not older than the local mtime).
//
// What each "second run" compares against (a first run of 200,000 files takes a tool 5-15 min
// here, so the store is seeded twice, not once per tool):
// - Ferry: its own first run (it needs its journal), into its own prefix;
// - every peer: one shared prefix seeded by one first run of the fastest peer available
//   (rclone (raised), else rclone, else the AWS CLI). rclone's objects carry the mtime metadata
//   rclone compares, and their LastModified (upload time) is newer than the local files (back-
//   dated by an hour), which is what `aws s3 sync` skips on: every peer's run is a true no-op, as
//   after its own first run. Not curl: its objects would lack rclone's mtime, and rclone would
//   then hash every file and rewrite every object's metadata — not a second run.
// Both first runs are timed and reported as information.
import { join } from 'node:path';

import { makeFileSet } from '../datasets.mjs';
import { failureReason, interleaved, makeRow } from '../lib/measurements.mjs';
import { emptyPrefix, prefixContents } from '../lib/rgw.mjs';
import { dataDir, passIf, times, toolRows } from './shared.mjs';

/** The peers that may seed the shared prefix, fastest first (scenario 1's order here). */
const SEEDERS = ['rclone-raised', 'rclone', 'aws-raised', 'aws', 'aws-crt'];

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

  const available = tools.filter((tool) => !tool.unavailable);
  const ferryTool = available.find((tool) => tool.role === 'ferry');
  const seeder = SEEDERS.map((id) => available.find((tool) => tool.id === id)).find(Boolean);
  /** @type {{ key: 'ferry' | 'peers', tool: import('../lib/context.mjs').Tool }[]} */
  const firstRuns = [
    ...(ferryTool ? [{ key: /** @type {const} */ ('ferry'), tool: ferryTool }] : []),
    ...(seeder ? [{ key: /** @type {const} */ ('peers'), tool: seeder }] : []),
  ];
  /** @type {Map<'ferry' | 'peers', { prefix: string, stateDir: string, error: string | null }>} */
  const prepared = new Map();
  /** @type {import('../lib/measurements.mjs').Row[]} */
  const prepRows = [];
  for (const { key, tool } of firstRuns) {
    const prefix = ctx.newPrefix();
    const stateDir = join(ctx.work, `unchanged-state-${key}`);
    const measured = await tool.upload({ dir: set.dir, prefix, stateDir });
    const found = await prefixContents(shared.admin, ctx.info.bucket, prefix);
    const error =
      measured.code !== 0
        ? failureReason(measured)
        : found.count !== set.files
          ? `first run uploaded ${found.count} of ${set.files} files`
          : null;
    prepared.set(key, { prefix, stateDir, error });
    ctx.log(`  first run ${tool.id}: ${error ?? `${(measured.wallMs / 1000).toFixed(2)} s`}`);
    prepRows.push(
      makeRow(
        {
          tool: `${key}-first-run`,
          label:
            key === 'ferry'
              ? 'Ferry first run (information)'
              : `${tool.label} first run, the prefix every peer's second run compares against (information)`,
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
      const prep = prepared.get(tool.role === 'ferry' ? 'ferry' : 'peers');
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
      `Ferry's second runs use the state dir (journal) of its own first run; every peer's second run compares against one prefix seeded by ${seeder ? seeder.label : 'no peer'}'s first run (rclone stores the mtime it compares as metadata; the AWS CLI skips a file whose LastModified is not older than the local mtime), so each peer run is the no-op it would be after its own first run.`,
    ],
    error: null,
  };
}
