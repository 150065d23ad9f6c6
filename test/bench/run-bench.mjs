#!/usr/bin/env node
// @ts-check
// `npm run bench` — Ferry against rclone, the AWS CLI (classic and CRT transfer clients), a raw
// SDK loop and the curl floor (presigned URLs), on the same data, the same store and the same
// temporary credentials, over HTTP and HTTPS (issues 6 and 15).
//
// Usage: node test/bench/run-bench.mjs [quick|full|smoke] [--out DIR] [--only 1,3,5]
//                                       [--tools ferry,curl-floor] [--curve 10000,1000000|none]
//   quick (default)  a few minutes; full: the sizes; smoke: proves the harness works
//   --out DIR        where latest.json and latest.md go (default test/bench/results), with a copy
//                    named after the run (full.md, full-scenarios-3.md, …); a complete run into
//                    the default folder also rewrites README.md's table for its scale
//                    (test/bench/readme-table.mjs)
//   --only LIST      run only these scenarios (6 adds scenario 2's RSS target when 2 ran; 5's
//                    bytes per watched file need 6)
//   --tools LIST     run only these tools in scenarios 1-3 (ids: ferry, curl-floor, rclone,
//                    rclone-raised, aws, aws-raised, aws-crt, raw-sdk); the others are
//                    left out of the tables
//   --curve LIST     scenario 5's extra points (file counts of the scale's curve; `none`: only
//                    the main point). Default: the scale's whole curve (full: 10k and 1M)
// Env: BENCH_OBJECTSTORE=memstore|bluestore (default memstore), BENCH_NO_INSTALL=1 (do not
//      apt-get the peers: rclone, awscli, python3-awscrt, curl, openssl), BENCH_SKIP_BUILD=1 (run the out/cli already bundled by `npm run build:cli` instead of
//      compiling a private copy), BENCH_BUILD_DIR (where that copy goes; default
//      $TMPDIR/ferry-bench-build), BENCH_FERRY_BUILD=DIR (run a Ferry compiled elsewhere, e.g. a
//      baseline: DIR holds cli/ferry.js, the bundled CLI).
//
// This file only checks what the runner needs (npm packages, the build) with node built-ins,
// then hands over to runner.mjs, which imports the SDK.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { buildForBench } from './lib/build.mjs';

const repoRoot = join(import.meta.dirname, '..', '..');

const { values, positionals } = parseArgs({
  options: {
    out: { type: 'string' },
    only: { type: 'string' },
    tools: { type: 'string' },
    curve: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
const scale = positionals[0] ?? 'quick';
if (values.help || !['quick', 'full', 'smoke'].includes(scale) || positionals.length > 1) {
  process.stdout.write(
    'Usage: node test/bench/run-bench.mjs [quick|full|smoke] [--out DIR] [--only 1,3,5]\n' +
      '         [--tools ferry,curl-floor,…] [--curve 10000,1000000|none]\n',
  );
  process.exit(values.help ? 0 : 64);
}

/** The bundled Ferry the bench runs (holds cli/ferry.js). */
let ferryBuild = join(repoRoot, 'out');
try {
  // A fresh clone (no node_modules at all): `npm ci` from the lockfile, without Electron's
  // binary (the bench runs the CLI). A tree that has node_modules but lacks the SDK is someone's
  // half-done install: running npm there could race it, so the harness only says so.
  if (!existsSync(join(repoRoot, 'node_modules'))) {
    process.stderr.write('[bench] no node_modules: npm ci (ELECTRON_SKIP_BINARY_DOWNLOAD=1)\n');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
  }
  if (!existsSync(join(repoRoot, 'node_modules', '@aws-sdk', 'client-s3', 'package.json'))) {
    throw new Error('node_modules is incomplete: run `npm ci` (or `npm test`) first');
  }
  if (process.env.BENCH_FERRY_BUILD) {
    ferryBuild = process.env.BENCH_FERRY_BUILD;
    if (!existsSync(join(ferryBuild, 'cli', 'ferry.js'))) {
      throw new Error(`BENCH_FERRY_BUILD=${ferryBuild} holds no cli/ferry.js`);
    }
  } else if (process.env.BENCH_SKIP_BUILD !== '1') {
    ferryBuild = await buildForBench(repoRoot, (line) => process.stderr.write(`[bench] ${line}\n`));
  } else if (!existsSync(join(ferryBuild, 'cli', 'ferry.js'))) {
    throw new Error(
      'BENCH_SKIP_BUILD=1 but out/cli/ferry.js is missing: run `npm run build:cli` first',
    );
  }
} catch (error) {
  process.stderr.write(
    `[bench] preparation failed: ${error instanceof Error ? error.message : String(error)}\n` +
      '[bench] (BENCH_SKIP_BUILD=1 runs the out/cli already bundled)\n',
  );
  process.exit(1);
}

// The pinned SDK warns that future releases need Node 22; noise in the benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { runBench } = await import('./runner.mjs');
const code = await runBench({
  repoRoot,
  ferryBuild,
  scale: /** @type {'quick' | 'full' | 'smoke'} */ (scale),
  outDir: values.out ?? join(repoRoot, 'test', 'bench', 'results'),
  defaultOut: values.out === undefined,
  only: values.only ? values.only.split(',').map(Number) : null,
  tools: values.tools ? values.tools.split(',') : null,
  curve: values.curve ? (values.curve === 'none' ? [] : values.curve.split(',').map(Number)) : null,
});
// Everything the run started is stopped by now; an idle keep-alive socket must not hold us.
process.exit(code);
