// @ts-check
// Scenario 5's memory curve, on its own (issue 15: "100,000 watched files: ready ≤ 2 s, peak RSS
// ≤ 150 MB; 1M files measured and reported"): for each size it builds N files of 16 bytes in D
// folders (the harness's layout, datasets.mjs), records them once with `ferry sync --once`, then
// starts `ferry sync --json` (watch mode) on the recorded state and reports, per run, spawn → the
// `scan-finished` event (watching + scanned, as scenario 5 times it: watch-once.mjs) and the peak
// RSS (VmHWM two seconds after ready). The trees and state dirs are kept under --work and reused:
// the first upload of 100,000 files takes minutes and is not what is measured.
//
//   node test/bench/memory-curve.mjs [--sizes 10000x100,100000x1000] [--runs 2]
//     [--work /tmp/h-memory] [--cli out/cli/ferry.js] [--prefix h-memory/]
//     [--node-arg=--max-semi-space-size=1 …] [--env NAME=VALUE …]
//
// --record-directly-from N: trees of N files or more are recorded by writing their journal rows
// directly (each file's lstat size and mtime, the key Ferry would use, state synced) instead of
// uploading them: a first upload of 1,000,000 files takes hours against the shared RGW. The watch
// run then sees what a second run sees (every file recorded); nothing in it reads the bucket.
//
// An empty folder is measured first: its peak is the process before any file (modules, SDK,
// SQLite), and bytes per watched file are (peak − that) / N. Needs the shared RGW described by
// FERRY_TEST_RGW_JSON (default /tmp/shared-rgw/rgw.json).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeSyncedRows } from './lib/record-journal.mjs';
import { parseArgs } from 'node:util';

const SETTLE_MS = 2_000;
const READY_TIMEOUT_MS = 30 * 60_000;
const MB = 1e6;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000x100,100000x1000' },
    runs: { type: 'string', default: '2' },
    work: { type: 'string', default: '/tmp/h-memory' },
    cli: { type: 'string', default: 'out/cli/ferry.js' },
    prefix: { type: 'string', default: 'h-memory/' },
    'record-directly-from': { type: 'string', default: '' },
    'node-arg': { type: 'string', multiple: true, default: [] },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const rgw = JSON.parse(
  readFileSync(process.env.FERRY_TEST_RGW_JSON ?? '/tmp/shared-rgw/rgw.json', 'utf8'),
);
const cli = resolve(values.cli);
const runs = Number(values.runs);
const extraEnv = Object.fromEntries(
  values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const env = {
  ...process.env,
  FERRY_SECRET_BENCH: rgw.user.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
  ...extraEnv,
};

/** @param {string} spec "COUNTxFOLDERS" */
function parseSize(spec) {
  const [count, folders] = spec.split('x').map(Number);
  if (!count || !folders) throw new Error(`--sizes: "${spec}" is not COUNTxFOLDERS`);
  return { count, folders };
}

/** N files of 16 bytes in D folders (d0000/f000000.bin …), back-dated an hour; made once. */
async function makeTree(
  /** @type {string} */ dir,
  /** @type {{count: number, folders: number}} */ shape,
) {
  const done = join(dir, '..', 'tree-complete');
  if (existsSync(done)) return;
  const perFolder = Math.ceil(shape.count / shape.folders);
  const when = Date.now() / 1000 - 3600;
  for (let folder = 0; folder < shape.folders; folder++) {
    await mkdir(join(dir, `d${String(folder).padStart(4, '0')}`), { recursive: true });
  }
  const pool = randomBytes(1 << 20);
  for (let first = 0; first < shape.count; first += 64) {
    const batch = [];
    for (let i = first; i < Math.min(first + 64, shape.count); i++) {
      const folder = `d${String(Math.floor(i / perFolder)).padStart(4, '0')}`;
      const path = join(dir, folder, `f${String(i).padStart(6, '0')}.bin`);
      const body = Buffer.from(pool.subarray(i % 1000, (i % 1000) + 16));
      body.write(String(i).padStart(8, '0'), 0);
      batch.push(writeFile(path, body).then(() => utimes(path, when, when)));
    }
    await Promise.all(batch);
  }
  await writeFile(done, `${shape.count}\n`);
}

/** A config for one folder, like the harness's (peers/ferry.mjs). */
async function writeConfig(
  /** @type {string} */ work,
  /** @type {string} */ dir,
  /** @type {string} */ prefix,
) {
  const config = {
    profiles: [
      {
        id: 'bench',
        endpoint: rgw.endpoint,
        region: rgw.region,
        forcePathStyle: true,
        credentials: {
          source: 'assume-role',
          accessKeyId: rgw.user.accessKeyId,
          roleArn: rgw.roleArn,
          roleSessionName: 'ferry-memory-curve',
          durationSeconds: 3600,
          maxDurationSeconds: 3600,
        },
      },
    ],
    folders: [
      { id: 'data', path: dir, profile: 'bench', bucket: rgw.bucket, prefix, mode: 'upload' },
    ],
    stateDir: join(work, 'state'),
  };
  const path = join(work, 'ferry.json');
  await writeFile(path, JSON.stringify(config, null, 2));
  return path;
}

/** `ferry sync --once` until the tree is recorded (skipped when an earlier run did it). */
async function recordOnce(
  /** @type {string} */ work,
  /** @type {string} */ config,
  /** @type {{count: number, prefix: string, dir: string}} */ tree,
) {
  const done = join(work, 'recorded');
  if (existsSync(done)) return;
  const directFrom = Number(values['record-directly-from'] || Infinity);
  if (tree.count >= directFrom) {
    await recordDirectly(work, config, tree);
    await writeFile(done, 'journal written directly\n');
    return;
  }
  const started = performance.now();
  const result = spawnSync('node', [cli, 'sync', '--config', config, '--once'], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(`first upload failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  console.log(`  recorded with ferry sync --once in ${seconds.toFixed(1)} s`);
  await writeFile(done, `${seconds}\n`);
}

/**
 * Writes the journal rows a first upload would leave (app/sync/file-ledger.ts recordSynced):
 * the schema comes from a `ferry sync --once` on an empty copy of the config's folder.
 */
async function recordDirectly(
  /** @type {string} */ work,
  /** @type {string} */ config,
  /** @type {{count: number, prefix: string, dir: string}} */ tree,
) {
  const emptyDir = join(work, 'empty-for-schema');
  await mkdir(emptyDir, { recursive: true });
  const parsed = JSON.parse(await readFile(config, 'utf8'));
  parsed.folders[0].path = emptyDir;
  const schemaConfig = join(work, 'ferry-schema.json');
  await writeFile(schemaConfig, JSON.stringify(parsed));
  const made = spawnSync('node', [cli, 'sync', '--config', schemaConfig, '--once'], {
    env,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`schema run failed: ${made.stderr.slice(-2000)}`);
  const { rows, seconds } = await writeSyncedRows(
    join(work, 'state', 'journal.sqlite'),
    tree.dir,
    tree.prefix,
  );
  console.log(`  ${rows} rows written to the journal directly in ${seconds.toFixed(1)} s`);
}

/** VmHWM of a live process, in bytes (proc(5)); 0 once it exited. */
async function peakRss(/** @type {number} */ pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * User + system CPU seconds a live process has used (proc(5) /proc/PID/stat fields 14 and 15,
 * in clock ticks: 100 per second on Linux, `getconf CLK_TCK`): a figure a loaded machine
 * disturbs far less than wall time.
 */
async function cpuSeconds(/** @type {number} */ pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One start of `ferry sync --json`: spawn → scan-finished, and the peak RSS. */
async function watchOnce(/** @type {string} */ config) {
  const started = performance.now();
  const child = spawn('node', [...values['node-arg'], cli, 'sync', '--config', config, '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((done) => child.once('exit', (code) => done(code)));
  /** @type {Promise<Record<string, unknown>>} */
  const finished = new Promise((done) => {
    let partial = '';
    child.stdout.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line);
        if (event.type === 'scan-finished') done(event);
      }
    });
  });
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((done) => (timer = setTimeout(done, READY_TIMEOUT_MS))).then(
    () => 'no scan-finished in time',
  );
  try {
    const outcome = await Promise.race([
      finished,
      exited.then((code) => `exited with ${code}: ${stderr.trim().split('\n').at(-1)}`),
      timeout,
    ]);
    if (typeof outcome === 'string') throw new Error(outcome);
    const readyS = (performance.now() - started) / 1000;
    const pid = child.pid ?? 0;
    const cpuToReady = await cpuSeconds(pid);
    const atReady = await peakRss(pid);
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const peak = Math.max(atReady, await peakRss(pid));
    return {
      readyS,
      cpuToReady,
      peak,
      atReady,
      files: Number(outcome.files),
      uploads: Number(outcome.uploads),
    };
  } finally {
    clearTimeout(timer);
    child.kill('SIGTERM');
    await exited;
  }
}

/** Measures one size (count 0: an empty folder) `runs` times; returns the best peak. */
async function measure(/** @type {{count: number, folders: number}} */ shape) {
  const name = shape.count === 0 ? 'empty' : `${shape.count}x${shape.folders}`;
  const work = join(values.work, name);
  const dir = join(work, 'tree');
  await mkdir(dir, { recursive: true });
  if (shape.count > 0) await makeTree(dir, shape);
  const config = await writeConfig(work, dir, `${values.prefix}${name}/`);
  await recordOnce(work, config, { count: shape.count, prefix: `${values.prefix}${name}/`, dir });
  const results = [];
  for (let run = 0; run < runs; run++) {
    const result = await watchOnce(config);
    results.push(result);
    console.log(
      `  ${name} run ${run + 1}: ready ${result.readyS.toFixed(2)} s (CPU ${result.cpuToReady.toFixed(2)} s), peak RSS ${(result.peak / MB).toFixed(1)} MB (at ready ${(result.atReady / MB).toFixed(1)}), files ${result.files}, uploads ${result.uploads}`,
    );
  }
  return {
    name,
    count: shape.count,
    readyS: Math.min(...results.map((r) => r.readyS)),
    cpuS: Math.min(...results.map((r) => r.cpuToReady)),
    peak: Math.min(...results.map((r) => r.peak)),
  };
}

const shapes = values.sizes.split(',').map(parseSize);
console.log(`memory curve: ${cli}, node ${values['node-arg'].join(' ') || '(no flags)'}`);
const empty = await measure({ count: 0, folders: 1 });
const rows = [empty];
for (const shape of shapes) rows.push(await measure(shape));
console.log('\nsize           ready (best)  CPU to ready  peak RSS (best)  bytes per watched file');
for (const row of rows) {
  const perFile = row.count > 0 ? Math.round((row.peak - empty.peak) / row.count) : 0;
  console.log(
    `${row.name.padEnd(15)}${`${row.readyS.toFixed(2)} s`.padEnd(14)}${`${row.cpuS.toFixed(2)} s`.padEnd(14)}${`${(row.peak / MB).toFixed(1)} MB`.padEnd(17)}${row.count > 0 ? perFile : '(baseline)'}`,
  );
}
