import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { inject } from 'vitest';

const run = promisify(execFile);
export const repoRoot = join(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The integration tier's global setup compiled out/ before any test file started. */
    outBuilt?: boolean;
  }
}

let built: Promise<unknown> | undefined;

/**
 * Compiles the project to out/ (tests that spawn the real `ferry` process need it). Incremental,
 * but each test file runs in its own worker, and on a busy 2-core machine two workers' `tsc -b`
 * took over 90 s, past set-up and test time limits: so the integration tier's global setup
 * builds once for all (test/integration/setup/rgw-global-setup.ts) and this only waits for that.
 */
export function buildOnce(): Promise<unknown> {
  built ??= inject('outBuilt') ? Promise.resolve() : run('npx', ['tsc', '-b'], { cwd: repoRoot });
  return built;
}
