import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { TestProject } from 'vitest/node';

import startRgw from '../../integration/setup/rgw-global-setup.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..', '..');

/**
 * The e2e tier runs the product as a user would: `npm run build` (engine, renderer, preload),
 * then `ferry serve` processes against a real Ceph RGW, driven in Debian's Chromium.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    await run('npm', ['run', '--silent', 'build'], { cwd: root, timeout: 300_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${stdout ?? ''}\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
  return startRgw(project);
}
