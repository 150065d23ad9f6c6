// @ts-check
// The benchmark run: a throwaway RGW (with its gateway on 80/443, HTTP and TLS: lib/gateway.mjs),
// one set of temporary credentials, the data sets, every scenario, the report — and, whatever happens (a failing peer, a crash, Ctrl+C), every process
// it started killed, the RGW stopped and the temp data removed.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import { assumeBenchRole } from './lib/credentials.mjs';
import { startBenchGateway } from './lib/gateway.mjs';
import { describeEstimate, estimateSeconds } from './estimate.mjs';
import { ensurePeerTools } from './lib/packages.mjs';
import { setRepetitionBudget } from './lib/measurements.mjs';
import { killAll, refuseNewProcesses, stopping } from './lib/processes.mjs';
import { adminClient, startWarmRgw, stopRgw } from './lib/rgw.mjs';
import { awsTool } from './peers/awscli.mjs';
import { curlFloorTool } from './peers/curl-floor.mjs';
import { ferryTool } from './peers/ferry.mjs';
import { rawSdkTool } from './peers/raw-sdk.mjs';
import { rcloneTool } from './peers/rclone.mjs';
import { writeNamedResults } from './readme-table.mjs';
import { markdownReport } from './report.mjs';
import { SCALES } from './scales.mjs';
import { coldStart } from './scenarios/cold-start.mjs';
import { firstUpload } from './scenarios/first-upload.mjs';
import { largeFile } from './scenarios/large-file.mjs';
import { unchanged } from './scenarios/unchanged.mjs';
import { watchLatency } from './scenarios/watch-latency.mjs';
import { watchMany } from './scenarios/watch-many.mjs';

const PREFIX_ROOT = 'bench/';
const TOKEN_SECONDS = 3600; // Ceph's cap for a role session unless the role says otherwise
const REFRESH_BELOW_MS = 15 * 60_000;
const MiB = 2 ** 20;
/** Ferry, the curl floor, two rclone and three AWS CLI variants, the raw SDK loop. */
const TOOL_COUNT = 8;

/** Ferry's transfer defaults (app/config/schema.ts), which the raised peers copy. */
const FERRY = { concurrency: 8, partConcurrency: 4, partSize: 8 * MiB };

/**
 * Scenarios in the order they run (6 adds a target to 2's result; 1 and 2 run over HTTP, then
 * HTTPS, on the same data).
 * @type {[number, (ctx: import('./lib/context.mjs').BenchContext, shared: import('./scenarios/shared.mjs').Shared) => Promise<import('./lib/measurements.mjs').ScenarioResult>, string][]}
 */
const SCENARIOS = [
  [1, firstUpload(false), 'first upload of small files, HTTP'],
  [1, firstUpload(true), 'first upload of small files, HTTPS'],
  [2, largeFile(false), 'one large file, HTTP'],
  [2, largeFile(true), 'one large file, HTTPS'],
  [6, coldStart, 'cold start'],
  [3, unchanged, 'unchanged files, second run'],
  [4, watchLatency, 'watch-mode latency'],
  [5, watchMany, 'watching many files'],
];

/**
 * @param {{ repoRoot: string, ferryBuild: string, scale: 'quick' | 'full' | 'smoke', outDir: string, only: number[] | null, tools?: string[] | null, curve?: number[] | null, defaultOut?: boolean }} options
 *   tools: only these tool ids in scenarios 1-3; curve: scenario 5's extra points (file counts);
 *   defaultOut: results go to test/bench/results (then a complete run updates README.md's table)
 * @returns {Promise<number>} exit code: 0 when the harness completed (whatever the numbers)
 */
export async function runBench(options) {
  const scale = withCurve(SCALES[options.scale], options.curve ?? null);
  const started = new Date();
  const log = (/** @type {string} */ line) =>
    process.stderr.write(
      `[bench +${Math.round((Date.now() - started.getTime()) / 1000)}s] ${line}\n`,
    );
  // Another job on the machine skews every number; the load average at both ends tells.
  const loadBefore = loadavg()[0] ?? 0;
  const temp = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
  const rgwDir = join(temp, 'rgw');
  const objectstore = process.env.BENCH_OBJECTSTORE ?? 'memstore';

  /** @type {Promise<void> | undefined} */
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      refuseNewProcesses();
      await killAll();
      await stopRgw(rgwDir);
      // Retries: the interrupted scenario may still be writing a file or two as we delete.
      await rm(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    })());
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
    log(`${signal}: stopping every process, the RGW, and removing ${temp}`);
    void cleanup().finally(() => process.exit(130));
  };
  const signals = /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  for (const signal of signals) process.on(signal, onSignal);

  try {
    log(`scale ${scale.name}; temp data in ${temp}`);
    // Before anything slow: the full scale runs for hours (the 1M-file curve point most of them).
    const estimate = estimateSeconds(scale, {
      only: options.only,
      tools: options.tools?.length ?? TOOL_COUNT,
    });
    log(`estimated duration on a 2-core machine: ${describeEstimate(estimate)}`);
    setRepetitionBudget(scale.repetitionBudgetMs);
    const peers = await ensurePeerTools({ install: process.env.BENCH_NO_INSTALL !== '1', log });
    const firstInfo = await startWarmRgw(rgwDir, {
      objectstore,
      memstoreBytes: scale.memstoreBytes,
      log,
    });
    const gateway = await startBenchGateway(firstInfo, log);
    const info = { ...firstInfo, endpoint: gateway.http };
    let credentials = await assumeBenchRole(info, PREFIX_ROOT, TOKEN_SECONDS);
    const runId = started.toISOString().replace(/[:.]/g, '-');
    let prefixes = 0;
    /** @type {import('./lib/context.mjs').BenchContext} */
    const ctx = {
      info,
      gateway,
      credentials: () => credentials,
      work: join(temp, 'work'),
      repoRoot: options.repoRoot,
      ferryBuild: options.ferryBuild,
      ferry: FERRY,
      timeoutMs: scale.timeoutMs,
      log,
      newPrefix: () => `${PREFIX_ROOT}${runId}/${String(++prefixes).padStart(4, '0')}/`,
    };
    await mkdir(ctx.work, { recursive: true });
    const crtProblem = !peers.awscrt.ok
      ? peers.awscrt.reason
      : gateway.standardPorts
        ? null
        : 'awscrt 0.16 ignores the endpoint port and the gateway could not take 80/443';
    const allTools = [
      ferryTool(ctx),
      curlFloorTool(ctx),
      rcloneTool(ctx, peers.rclone, false),
      rcloneTool(ctx, peers.rclone, true),
      awsTool(ctx, peers.aws, 'default'),
      awsTool(ctx, peers.aws, 'raised'),
      awsTool(ctx, peers.aws, 'crt', crtProblem),
      rawSdkTool(ctx),
    ];
    const unknown = (options.tools ?? []).filter((id) => !allTools.some((t) => t.id === id));
    if (unknown.length > 0) {
      throw new Error(
        `--tools: no tool ${unknown.join(', ')} (there are ${allTools.map((t) => t.id).join(', ')})`,
      );
    }
    const tools = allTools.filter((tool) => !options.tools || options.tools.includes(tool.id));
    /** @type {import('./scenarios/shared.mjs').Shared} */
    const shared = {
      admin: adminClient(info),
      tools,
      scale,
      previous: new Map(),
      data: join(temp, 'data'),
      sets: new Map(),
    };
    /** @type {import('./lib/measurements.mjs').ScenarioResult[]} */
    const scenarios = [];
    const selected = SCENARIOS.filter(([number]) => !options.only || options.only.includes(number));
    for (const [index, [number, scenario, what]] of selected.entries()) {
      if (stopping()) break;
      if (credentials.expiration.getTime() - Date.now() < REFRESH_BELOW_MS) {
        log('the shared token expires within 15 minutes: getting a new one');
        credentials = await assumeBenchRole(info, PREFIX_ROOT, TOKEN_SECONDS);
      }
      const t0 = Date.now();
      try {
        const result = await scenario(ctx, shared);
        scenarios.push(result);
        shared.previous.set(result.id, result);
      } catch (error) {
        // One scenario that cannot run does not cost the others.
        const message = error instanceof Error ? error.message : String(error);
        log(`scenario ${number} (${what}) failed: ${message}`);
        scenarios.push({
          id: `scenario-${number}`,
          number,
          title: what,
          params: {},
          rows: [],
          bestPeer: null,
          targets: [],
          notes: [],
          error: message.split('\n')[0] ?? message,
        });
      }
      log(`scenario ${number} (${what}) took ${Math.round((Date.now() - t0) / 1000)} s`);
      // The data sets of a finished scenario are not needed again (its HTTPS variant, next,
      // reuses them).
      if (selected[index + 1]?.[0] !== number) {
        await rm(shared.data, { recursive: true, force: true });
        shared.sets.clear();
      }
    }
    // Stable: a scenario's HTTP result stays before its HTTPS one.
    scenarios.sort((a, b) => a.number - b.number);
    shared.admin.destroy();

    const finished = new Date();
    /** @type {import('./report.mjs').Results} */
    const results = {
      schema: 1,
      scale: scale.name,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
      machine: {
        ...(await machine(objectstore)),
        load1mBefore: Math.round(loadBefore * 100) / 100,
        load1mAfter: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
      versions: {
        ferry: await packageVersion(join(options.repoRoot, 'package.json')),
        rclone: peers.rclone.ok ? peers.rclone.version : 'rclone n/a',
        aws: peers.aws.ok ? peers.aws.version : 'aws n/a',
        awscrt: peers.awscrt.ok ? peers.awscrt.version : 'python3-awscrt n/a',
        curl: peers.curl.ok ? peers.curl.version : 'curl n/a',
        gateway: gateway.note,
        sdk: await packageVersion(
          join(options.repoRoot, 'node_modules', '@aws-sdk', 'client-s3', 'package.json'),
        ),
      },
      tools: tools.map((tool) => ({
        id: tool.id,
        label: tool.label,
        role: tool.role,
        settings: tool.settings,
        unavailable: tool.unavailable,
      })),
      settings: { repetitions: scale.repetitions, ferry: FERRY, scale },
      scenarios,
    };
    await mkdir(options.outDir, { recursive: true });
    const markdown = markdownReport(results);
    await writeFile(join(options.outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(options.outDir, 'latest.md'), markdown);
    process.stdout.write(`\n${markdown}`);
    const named = await writeNamedResults({
      repoRoot: options.repoRoot,
      outDir: options.outDir,
      results,
      markdown,
      filters: { only: options.only, tools: options.tools ?? null, curve: options.curve ?? null },
      defaultOut: options.defaultOut ?? false,
    });
    log(`wrote ${join(options.outDir, 'latest.json')}, latest.md, ${named.join(', ')}`);
    return 0;
  } catch (error) {
    log(
      `the benchmark could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  } finally {
    await cleanup();
    for (const signal of signals) process.off(signal, onSignal);
  }
}

/**
 * The scale with scenario 5's curve cut down to the points asked for (`--curve`).
 * @param {import('./scales.mjs').Scale} scale
 * @param {number[] | null} curve
 * @returns {import('./scales.mjs').Scale}
 */
function withCurve(scale, curve) {
  if (!curve) return scale;
  const missing = curve.filter((count) => !scale.watchCurve.some((p) => p.count === count));
  if (missing.length > 0) {
    throw new Error(
      `--curve: the ${scale.name} scale has no point of ${missing.join(', ')} files (it has ${scale.watchCurve.map((p) => p.count).join(', ') || 'none'})`,
    );
  }
  return { ...scale, watchCurve: scale.watchCurve.filter((p) => curve.includes(p.count)) };
}

/** @param {string} objectstore */
async function machine(objectstore) {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? 'Linux';
  return {
    os: `${pretty} (kernel ${release()})`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    objectstore,
  };
}

/** @param {string} path */
async function packageVersion(path) {
  try {
    return /** @type {{ version: string }} */ (JSON.parse(await readFile(path, 'utf8'))).version;
  } catch {
    return 'unknown';
  }
}
