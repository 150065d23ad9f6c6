import { join } from 'node:path';

import { inject } from 'vitest';

import { buildOut } from './build-out.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The integration tier's global setup built out/ (and out/cli) before any test file started. */
    outBuilt?: boolean;
  }
}

let built: Promise<unknown> | undefined;

/**
 * Compiles the project to out/ and bundles the CLI (build-out.ts; tests that spawn the real
 * `ferry` process need it). Incremental, but each test file runs in its own worker, and on a
 * busy 2-core machine two workers' `tsc -b` took over 90 s, past set-up and test time limits:
 * so the integration tier's global setup builds once for all (test/integration/setup/rgw-global-setup.ts) and this only waits for that.
 */
export function buildOnce(): Promise<unknown> {
  built ??= inject('outBuilt') ? Promise.resolve() : buildOut();
  return built;
}
