// @ts-check
// Bundles the CLI for the benchmark into a private directory outside the repository (the same
// bundle `npm run build:cli` makes, main/cli/cli-bundle.vite.config.ts, written to
// <dir>/cli/ferry.js), so a bench run never rewrites the out/ that other work in the same tree
// (tests, `ferry serve`) uses. The bundler strips types without checking them: type errors are
// the type-checker's business, and a half-edited file elsewhere must not stop a measurement.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {string} repoRoot
 * @param {(line: string) => void} log
 * @returns {Promise<string>} the directory holding cli/ferry.js (the bundled CLI)
 */
export async function buildForBench(repoRoot, log) {
  const dir = process.env.BENCH_BUILD_DIR ?? join(tmpdir(), 'ferry-bench-build');
  await mkdir(dir, { recursive: true });
  // ESM like the repository, and its packages: node resolves the native ones (left outside the
  // bundle) by walking up from each chunk. Named ferry with the repository's version, which is
  // where `ferry --version` looks (main/cli/install-root.ts).
  const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
  const manifest = { name: 'ferry', version, type: 'module', private: true };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  const modules = join(dir, 'node_modules');
  if (!(await exists(modules))) await symlink(join(repoRoot, 'node_modules'), modules, 'dir');
  log(`bundling Ferry's CLI into ${join(dir, 'cli')} (vite build)`);
  execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'main/cli/cli-bundle.vite.config.ts', '--outDir', join(dir, 'cli')],
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return dir;
}

/** @param {string} path */
async function exists(path) {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
