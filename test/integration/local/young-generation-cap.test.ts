import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

/**
 * A child process (its own V8: the cap is process-wide) keeps ~60 MB of strings alive in small
 * steps, as a scan does, and prints its new space's size. Without the cap V8 grows the new space
 * to its default limit (two 16 MiB semi-spaces); with it, to two 8 MiB ones.
 */
async function newSpaceAfterScanLikeWork(capped: boolean): Promise<number> {
  const module = pathToFileURL(join(repoRoot, 'out/main/adapters/system/young-generation-cap.js'));
  const script = `
    import v8 from 'node:v8';
    const { capYoungGeneration } = await import(${JSON.stringify(module.href)});
    if (${capped}) capYoungGeneration();
    const kept = [];
    for (let step = 0; step < 200; step++) {
      for (let i = 0; i < 10000; i++) kept.push('folder/' + step + '/file-' + i + '.bin');
      await new Promise((done) => setImmediate(done));
    }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(space.space_size, kept.length);
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return Number(stdout.trim().split(' ')[0]);
}

describe('capYoungGeneration in a real V8', () => {
  beforeAll(() => buildOnce(), 300_000);

  it('holds the semi-spaces at 8 MiB where V8 alone grows them to 16 MiB', async () => {
    const [free, capped] = await Promise.all([
      newSpaceAfterScanLikeWork(false),
      newSpaceAfterScanLikeWork(true),
    ]);
    expect(free).toBe(32 * MiB);
    expect(capped).toBe(16 * MiB);
  });
});
