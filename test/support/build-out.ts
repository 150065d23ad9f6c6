import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * What tests that spawn the real `ferry` need: `tsc -b` (out/), then the CLI bundle they run
 * (out/cli/ferry.js, `npm run build:cli`, main/cli/cli-bundle.vite.config.ts). The bundle is
 * made from the sources, not from out/, so a `tsc -b` alone would leave a stale one.
 * No vitest import: the integration tier's global setup runs this outside any test.
 */
export async function buildOut(): Promise<void> {
  await run('npx', ['tsc', '-b'], { cwd: repoRoot });
  await run('npm', ['run', '--silent', 'build:cli'], { cwd: repoRoot });
}
