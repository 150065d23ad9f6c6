import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferryProcess, md5, remoteTree, waitUntil, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

describe('ferry sync (watch mode) against Ceph RGW', () => {
  it('reflects create, modify, rename and delete (mirror mode) in the bucket', async () => {
    const ws = await workspace('watch', { mode: 'mirror', folder: { deleteDelaySeconds: 1 } });
    await writeFile(join(ws.data, 'existing.txt'), 'there before start');
    const ferry = ferryProcess(['sync', '--config', ws.config]);
    try {
      const tree = () => remoteTree(ws.prefix);
      const has = (expected: Record<string, string>) => async () => {
        const remote = await tree();
        return (
          Object.entries(expected).every(([key, content]) => remote.get(key) === md5(content)) &&
          remote.size === Object.keys(expected).length
        );
      };
      await waitUntil(has({ 'existing.txt': 'there before start' }), 30_000, 'the initial scan');

      await writeFile(join(ws.data, 'created.txt'), 'new file');
      await waitUntil(
        has({ 'existing.txt': 'there before start', 'created.txt': 'new file' }),
        15_000,
        'the created file',
      );

      await writeFile(join(ws.data, 'created.txt'), 'modified content');
      await waitUntil(
        has({ 'existing.txt': 'there before start', 'created.txt': 'modified content' }),
        15_000,
        'the modification',
      );

      await rename(join(ws.data, 'created.txt'), join(ws.data, 'renamed.txt'));
      await waitUntil(
        has({ 'existing.txt': 'there before start', 'renamed.txt': 'modified content' }),
        20_000,
        'the rename',
      );

      await mkdir(join(ws.data, 'new dir'));
      await writeFile(join(ws.data, 'new dir', 'inside.txt'), 'in a new directory');
      await rm(join(ws.data, 'existing.txt'));
      await waitUntil(
        has({ 'renamed.txt': 'modified content', 'new dir/inside.txt': 'in a new directory' }),
        20_000,
        'the delete and the new directory',
      );
    } finally {
      ferry.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => ferry.once('exit', resolve));
      expect(code, ferry.output()).toBe(0);
    }
  }, 120_000);
});
