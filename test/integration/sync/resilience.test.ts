import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, ferryProcess, md5, remoteTree, waitUntil, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

interface TransferLine {
  readonly type: string;
  readonly state?: string;
  readonly partsReused?: number;
  readonly relativePath?: string;
}

function transfersIn(ndjson: string): TransferLine[] {
  return ndjson
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as TransferLine)
    .filter((event) => event.type === 'transfer');
}

describe('resilience against Ceph RGW', () => {
  it('a sync that outlives several token lifetimes finishes with no failure and no re-sent part', async () => {
    // 5 s tokens; 30 MiB at 2 MiB/s takes ~15 s: at least three token lifetimes.
    const ws = await workspace('lifetimes', {
      credentials: { durationSeconds: 5, minDurationSeconds: 1 },
      transfers: { partSize: '5MiB', bandwidthLimit: '2MiB', partConcurrency: 2 },
    });
    const content = randomBytes(30 * 1024 * 1024);
    await writeFile(join(ws.data, 'slow.bin'), content);
    const result = await ferry(['sync', '--config', ws.config, '--once', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const done = transfersIn(result.stdout).filter((t) => t.state === 'done');
    expect(done).toEqual([expect.objectContaining({ relativePath: 'slow.bin', partsReused: 0 })]);
    expect(transfersIn(result.stdout).map((t) => t.state)).not.toContain('retrying');

    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    const refreshes = log.split('\n').filter((line) => line.includes('"credentials refreshed"'));
    expect(refreshes.length).toBeGreaterThanOrEqual(3);
    // No request met an expired token (that would have forced a refresh and re-sent a part).
    expect(log).not.toContain('credentials rejected by the store');
    expect(log).not.toContain('"retrying"');
    expect(await remoteTree(ws.prefix)).toEqual(new Map([['slow.bin', md5(content)]]));
  }, 120_000);

  it('after SIGKILL in the middle of a multipart upload, a restart resumes from the checkpoint', async () => {
    const ws = await workspace('sigkill', {
      transfers: { partSize: '5MiB', bandwidthLimit: '5MiB', partConcurrency: 1 },
    });
    const content = randomBytes(40 * 1024 * 1024);
    await writeFile(join(ws.data, 'big.bin'), content);
    const journalPath = join(ws.state, 'journal.sqlite');
    const storedParts = () => {
      try {
        const db = new Database(journalPath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM checkpoint_parts').get() as { n: number })
            .n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };

    const first = ferryProcess(['sync', '--config', ws.config, '--once']);
    await waitUntil(() => Promise.resolve(storedParts() >= 3), 60_000, 'three checkpointed parts');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const checkpointed = storedParts();
    expect(checkpointed).toBeGreaterThanOrEqual(3);
    expect(checkpointed).toBeLessThan(8);

    // Restart at full speed.
    const config = JSON.parse(await readFile(ws.config, 'utf8')) as {
      transfers: Record<string, unknown>;
    };
    config.transfers['bandwidthLimit'] = 0;
    await writeFile(ws.config, JSON.stringify(config));
    const second = await ferry(['sync', '--config', ws.config, '--once', '--json']);
    expect(second.code).toBe(0);
    const done = transfersIn(second.stdout).filter((t) => t.state === 'done');
    expect(done).toEqual([
      expect.objectContaining({ relativePath: 'big.bin', partsReused: checkpointed }),
    ]);
    expect(await remoteTree(ws.prefix)).toEqual(new Map([['big.bin', md5(content)]]));
    expect(storedParts()).toBe(0);
  }, 120_000);
});
