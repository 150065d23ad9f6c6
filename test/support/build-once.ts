import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = join(import.meta.dirname, '..', '..');

let built: Promise<unknown> | undefined;

/**
 * Compiles the project to out/ (tests that spawn the real `ferry` process need it). Incremental:
 * nearly free when `npm test` has just type-checked.
 */
export function buildOnce(): Promise<unknown> {
  built ??= run('npx', ['tsc', '-b'], { cwd: repoRoot });
  return built;
}
