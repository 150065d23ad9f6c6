import { describe, expect, it } from 'vitest';

import { Requeuer } from '../../../../app/engine/requeuer.js';
import type { FileSystem } from '../../../../app/ports/file-system.js';
import type { Transfer, TransferQueue } from '../../../../app/transfer/transfer-queue.js';
import { InstantClock } from '../../../fakes/instant-clock.js';

const transfer = { folderId: 'docs', relativePath: 'sub/a.txt', size: 42 } as Transfer;

function requeuerWith(statBeneath: FileSystem['statBeneath']) {
  const enqueued: { relativePath: string; size: number }[] = [];
  const queue = {
    enqueue: (request: { relativePath: string; size: number }) => enqueued.push(request),
  };
  const fs = {
    statBeneath,
    join: (root: string, rel: string) => `${root}/${rel}`,
  } as unknown as FileSystem;
  const requeuer = new Requeuer(
    {
      fs,
      clock: new InstantClock(),
      queue: queue as unknown as TransferQueue,
      rootOf: () => '/home/me/docs',
      stopped: () => false,
    },
    { maxRequeues: 3, settleMs: 1000 },
  );
  return { requeuer, enqueued };
}

describe('Requeuer', () => {
  it('stats beneath the folder root, not by a path that could follow a symlinked directory', async () => {
    const asked: string[] = [];
    const { requeuer, enqueued } = requeuerWith((root, rel) => {
      asked.push(`${root}|${rel}`);
      return Promise.resolve({ kind: 'file', size: 50, mtimeMs: 1 });
    });
    expect(requeuer.requeue(transfer, 10)).toBe('requeued');
    await requeuer.whenSettled();
    expect(asked).toEqual(['/home/me/docs|sub/a.txt']);
    expect(enqueued).toEqual([expect.objectContaining({ relativePath: 'sub/a.txt', size: 50 })]);
  });

  it('a stat that fails queues the path anyway (the uploader reports why), never an unhandled rejection', async () => {
    const { requeuer, enqueued } = requeuerWith(() =>
      Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    );
    expect(requeuer.requeue(transfer, 10)).toBe('requeued');
    await requeuer.whenSettled();
    expect(enqueued).toEqual([expect.objectContaining({ relativePath: 'sub/a.txt', size: 42 })]);
    expect(requeuer.busy).toBe(false);
  });
});
