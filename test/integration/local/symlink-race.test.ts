import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { ferryProcess, md5, remoteTree, waitUntil, workspace } from '../sync/ferry-process.js';

beforeAll(buildOnce, 120_000);

/** Every object under a prefix: key → its bytes as text. */
async function remoteBodies(prefix: string): Promise<Map<string, string>> {
  const s3 = adminS3();
  const bodies = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: rgw().bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: rgw().bucket, Key: object.Key }));
      bodies.set((object.Key ?? '').slice(prefix.length), await body.Body!.transformToString());
    }
    token = page.NextContinuationToken;
  } while (token);
  return bodies;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 11, item 1: a subdirectory swapped for a symlink just after a file was created in it.
 * Before the fix Ferry followed the symlinked parent (the fast-path stat and the open both went
 * by path) and uploaded the outside directory's file under the inside name: 25 of 25 swaps.
 */
describe('a parent directory swapped for a symlink while Ferry watches', () => {
  it('never uploads a file from outside the folder', async () => {
    const ws = await workspace('symlink-race');
    const marker = `FERRY-OUTSIDE-SECRET-${randomBytes(8).toString('hex')}`;
    // Outside the synced folder, readable by the user: what an attacker wants to exfiltrate. Old
    // mtime: it passes the uploader's settle check at once, which widens the race window.
    const outside = join(ws.dir, 'outside');
    const moved = join(ws.dir, 'moved');
    await mkdir(outside);
    await mkdir(moved);
    const past = new Date(Date.now() - 3_600_000);
    for (const name of ['f.txt', 'big.bin']) {
      const secret = join(outside, name);
      await writeFile(secret, name === 'f.txt' ? marker : `${marker}\n`.repeat(700_000));
      await utimes(secret, past, past);
    }

    const ferry = ferryProcess(['sync', '--config', ws.config]);
    const swaps = 40;
    try {
      await writeFile(join(ws.data, 'ready.txt'), 'watching');
      await waitUntil(
        async () => (await remoteTree(ws.prefix)).get('ready.txt') === md5('watching'),
        30_000,
        'the first upload',
      );

      for (let i = 0; i < swaps; i++) {
        const directory = join(ws.data, `d${i}`);
        await mkdir(directory);
        // Alternate a small file (single PUT) and one above the part size (multipart, where each
        // part used to be read by reopening the path).
        const name = i % 4 === 3 ? 'big.bin' : 'f.txt';
        const inside = name === 'f.txt' ? `inside ${i}` : `inside ${i}\n`.repeat(2_000_000);
        await writeFile(join(directory, name), inside);
        await utimes(join(directory, name), past, past);
        // Spread the swaps over the watcher's batching and the upload's start.
        await sleep((i * 37) % 250);
        await rename(directory, join(moved, `d${i}`));
        await symlink(outside, directory);
      }

      // Everything the watcher reported has been handled once this later file is in the bucket.
      await writeFile(join(ws.data, 'done.txt'), 'after the swaps');
      await waitUntil(
        async () => (await remoteTree(ws.prefix)).get('done.txt') === md5('after the swaps'),
        30_000,
        'the file written after the swaps',
      );
      await sleep(2_000); // let multipart uploads started during the loop finish

      const leaked = [...(await remoteBodies(ws.prefix))]
        .filter(([, body]) => body.includes(marker))
        .map(([key]) => key);
      expect(leaked, `${leaked.length} of ${swaps} swaps leaked`).toEqual([]);
      // Not dropped silently either: the swapped paths fail with the reason, in the log.
      const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
      expect(log).toMatch(/"code":"outside-folder".*goes through a symbolic link/);
    } finally {
      ferry.kill('SIGTERM');
      await new Promise((resolve) => ferry.once('exit', resolve));
      await rm(ws.dir, { recursive: true, force: true });
    }
  }, 90_000);
});
