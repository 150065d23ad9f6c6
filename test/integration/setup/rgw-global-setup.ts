import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { TestProject } from 'vitest/node';

import { buildOut } from '../../support/build-out.js';
import type { RgwInfo } from './rgw-info.js';

const run = promisify(execFile);
const services = join(import.meta.dirname, '..', '..', 'services');

/**
 * Starts one real Ceph RGW (S3 + STS + IAM) for the whole integration tier and stops it after.
 * STS's minimum session is lowered to 1 s so token expiry can be observed in seconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // out/ is compiled and the CLI bundled (out/cli) once here, beside the RGW's start, for every
  // test file that spawns the real `ferry` (test/support/build-once.ts); a compile error fails
  // the tier here, once.
  const building = buildOut().then(
    () => project.provide('outBuilt', true),
    (error: unknown) => {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const output = `${stdout ?? ''}${stderr ?? ''}` || String(error);
      throw new Error(
        `the build (tsc -b, build:cli) failed before the integration tier:\n${output}`,
        {
          cause: error,
        },
      );
    },
  );
  // A developer iterating on one test may point at an RGW that is already running (its rgw.json
  // from rgw-up.sh) instead of paying ~1 minute per run; CI never sets this.
  const reuse = process.env.FERRY_TEST_RGW_JSON;
  if (reuse) {
    project.provide('rgw', JSON.parse(await readFile(reuse, 'utf8')) as RgwInfo);
    await building;
    return async () => {};
  }
  const dir = await mkdtemp(join(tmpdir(), 'ferry-it-rgw-'));
  const env = { ...process.env, RGW_DIR: dir, STS_MIN_SECS: '1' };
  try {
    await Promise.all([
      run('bash', [join(services, 'rgw-up.sh')], { env, timeout: 180_000 }),
      building,
    ]);
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`test/services/rgw-up.sh failed:\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
  const info = JSON.parse(await readFile(join(dir, 'rgw.json'), 'utf8')) as RgwInfo;
  project.provide('rgw', info);
  return async () => {
    await run('bash', [join(services, 'rgw-down.sh')], { env: { ...env, FAST: '1' } });
  };
}
