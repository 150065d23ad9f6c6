// @ts-check
// Compiles app/ and main/ for the benchmark into a private directory outside the repository, so a
// bench run never rewrites the out/ that other work in the same tree (tests, `ferry serve`) uses.
// Emit only (`noCheck`): type errors are the type-checker's business, and a half-edited file
// elsewhere in the tree must not stop a measurement. Incremental, so a rebuild is nearly free.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {string} repoRoot
 * @param {(line: string) => void} log
 * @returns {Promise<string>} the directory holding main/cli/ferry.js and app/
 */
export async function buildForBench(repoRoot, log) {
  const dir = process.env.BENCH_BUILD_DIR ?? join(tmpdir(), 'ferry-bench-build');
  await mkdir(dir, { recursive: true });
  const tsconfig = {
    extends: join(repoRoot, 'tsconfig.base.json'),
    compilerOptions: {
      rootDir: repoRoot,
      outDir: dir,
      composite: false,
      declaration: false,
      incremental: true,
      tsBuildInfoFile: join(dir, 'bench.tsbuildinfo'),
      noCheck: true,
      lib: ['ES2023'],
      types: ['node'],
    },
    include: [join(repoRoot, 'app', '**', '*.ts'), join(repoRoot, 'main', '**', '*.ts')],
    exclude: [join(repoRoot, 'main', 'electron', '**')],
  };
  const configPath = join(dir, 'tsconfig.json');
  await writeFile(configPath, JSON.stringify(tsconfig, null, 2));
  // ESM like the repository, and its packages: node resolves them by walking up from each file.
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const modules = join(dir, 'node_modules');
  if (!(await exists(modules))) await symlink(join(repoRoot, 'node_modules'), modules, 'dir');
  log(`building Ferry into ${dir} (tsc -p, emit only)`);
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', configPath], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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
