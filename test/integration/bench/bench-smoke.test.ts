import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';

/** The scenarios every results file must hold, by number and id (test/bench/scenarios/). */
const SCENARIOS = [
  [1, 'first-upload-small-files'],
  [1, 'first-upload-small-files-https'],
  [2, 'large-file'],
  [2, 'large-file-https'],
  [3, 'unchanged-second-run'],
  [4, 'watch-latency'],
  [5, 'watch-many-files'],
  [6, 'cold-start'],
] as const;

interface BenchRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface ResultsFile {
  scale: string;
  machine: Record<string, unknown>;
  tools: { id: string; unavailable: string | null }[];
  scenarios: {
    id: string;
    number: number;
    error: string | null;
    rows: { tool: string; runs: unknown[]; median: number | null; na: string | null }[];
    targets: { text: string; pass: boolean | null }[];
  }[];
}

let out: string;
let run: BenchRun;

// The harness starts its own RGW (on free ports, beside the tier's), so this needs nothing from
// the global setup. No timing is asserted: only that the harness works end to end.
beforeAll(async () => {
  await buildOnce();
  out = await mkdtemp(join(tmpdir(), 'ferry-bench-smoke-'));
  run = await new Promise<BenchRun>((resolve) => {
    execFile(
      'node',
      [join(repoRoot, 'test/bench/run-bench.mjs'), 'smoke', '--out', out],
      {
        cwd: repoRoot,
        env: { ...process.env, BENCH_SKIP_BUILD: '1' },
        timeout: 540_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}, 600_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('npm run bench (smoke scale)', () => {
  it('completes and prints the markdown table', () => {
    expect(run.code, run.stderr.slice(-4000)).toBe(0);
    expect(run.stdout).toContain('## Ferry benchmark — smoke scale');
    expect(run.stdout).toMatch(/\| # \| scenario \| tool \| median \|/);
  });

  it('writes a well-formed results file with every scenario, each measured for Ferry', async () => {
    const results = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')) as ResultsFile;
    expect(results.scale).toBe('smoke');
    expect(results.scenarios.map((s) => [s.number, s.id])).toEqual(SCENARIOS);
    for (const scenario of results.scenarios) {
      expect(scenario.error, scenario.id).toBeNull();
      expect(scenario.targets.length, scenario.id).toBeGreaterThan(0);
      // A Ferry row with a number: the harness really ran ferry in every scenario.
      const ferryRows = scenario.rows.filter((row) => row.tool.startsWith('ferry'));
      expect(ferryRows.length, scenario.id).toBeGreaterThan(0);
      for (const row of ferryRows) {
        expect({ scenario: scenario.id, tool: row.tool, na: row.na }).toEqual({
          scenario: scenario.id,
          tool: row.tool,
          na: null,
        });
        expect(row.median, `${scenario.id} ${row.tool}`).toBeGreaterThan(0);
      }
    }
    // Every peer is either measured or marked n/a with a reason, never silently missing.
    const comparison = results.scenarios.find((s) => s.id === 'first-upload-small-files');
    for (const tool of results.tools) {
      const row = comparison?.rows.find((r) => r.tool === tool.id);
      expect(row, tool.id).toBeDefined();
      expect(row?.median !== null || (row?.na ?? '').length > 0, tool.id).toBe(true);
    }
    expect(await readFile(join(out, 'latest.md'), 'utf8')).toContain('### Targets');
    // The copy named after the run, and the estimate printed before it started.
    expect(await readFile(join(out, 'smoke.md'), 'utf8')).toContain('## Ferry benchmark — smoke');
    expect(run.stderr).toMatch(/estimated duration on a 2-core machine: about \d+/);
  });
});
