import { describe, expect, it } from 'vitest';

import { TransferQueue, type Transfer } from '../../../../app/transfer/transfer-queue.js';

function setup(concurrency: number, maxLargeConcurrent: number) {
  const running = new Set<Transfer>();
  const releases = new Map<string, () => void>();
  let maxLarge = 0;
  const queue = new TransferQueue({
    concurrency,
    largeFileBytes: 100,
    maxLargeConcurrent,
    historyLimit: 100,
    now: () => 0,
  }).runWith(
    (transfer) =>
      new Promise<void>((resolve) => {
        running.add(transfer);
        maxLarge = Math.max(maxLarge, [...running].filter((t) => t.size > 100).length);
        releases.set(transfer.relativePath, () => {
          running.delete(transfer);
          resolve();
        });
      }),
  );
  const release = async (path: string) => {
    releases.get(path)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, running, release, maxLarge: () => maxLarge };
}

const upload = (relativePath: string, size: number) => ({
  folderId: 'f',
  relativePath,
  kind: 'upload' as const,
  size,
});

describe('TransferQueue', () => {
  it('runs at most `concurrency` transfers, small files first, large ones within their share', async () => {
    const { queue, running, release, maxLarge } = setup(3, 1);
    for (const name of ['L1', 'L2', 'L3']) queue.enqueue(upload(name, 1000));
    for (const name of ['s1', 's2', 's3', 's4']) queue.enqueue(upload(name, 10));
    // L1 took a slot before the small files arrived; the large share (1) keeps L2, L3 waiting.
    expect([...running].map((t) => t.relativePath).sort()).toEqual(['L1', 's1', 's2']);
    await release('s1');
    await release('s2');
    expect([...running].map((t) => t.relativePath).sort()).toEqual(['L1', 's3', 's4']);
    for (const name of ['s3', 's4', 'L1', 'L2', 'L3']) await release(name);
    await queue.whenIdle();
    expect(maxLarge()).toBe(1);
  });

  it('replaces a queued request for the same path, and re-runs one requested while in flight', async () => {
    const { queue, running, release } = setup(1, 1);
    queue.enqueue(upload('busy', 10));
    queue.enqueue(upload('a', 10));
    queue.enqueue(upload('a', 20)); // replaces the queued one
    queue.enqueue(upload('busy', 30)); // busy is running: follow-up after it
    expect(queue.list().filter((t) => t.relativePath === 'a' && t.state === 'queued')).toHaveLength(
      1,
    );
    await release('busy');
    expect([...running].map((t) => [t.relativePath, t.size])).toEqual([['a', 20]]);
    await release('a');
    expect([...running].map((t) => [t.relativePath, t.size])).toEqual([['busy', 30]]);
    await release('busy');
    await queue.whenIdle();
  });

  it('a paused folder keeps its transfers queued; idle ignores them until resumed', async () => {
    const { queue, running, release } = setup(2, 1);
    queue.pause('f');
    queue.enqueue(upload('x', 10));
    await queue.whenIdle();
    expect(running.size).toBe(0);
    queue.resume('f');
    expect(running.size).toBe(1);
    await release('x');
    await queue.whenIdle();
  });
});

describe('TransferQueue.runWith', () => {
  const options = { concurrency: 2, largeFileBytes: 100, maxLargeConcurrent: 1, historyLimit: 10 };

  it('starts nothing before it has a runner, then runs what was queued meanwhile', async () => {
    const ran: string[] = [];
    const queue = new TransferQueue({ ...options, now: () => 0 });
    const early = queue.enqueue(upload('early', 10));
    expect(early.state).toBe('queued');
    queue.runWith((transfer) => {
      ran.push(transfer.relativePath);
      return Promise.resolve();
    });
    await queue.whenIdle();
    expect(ran).toEqual(['early']);
    expect(early.state).toBe('done');
  });

  it('takes one runner only: a second would run transfers twice', () => {
    const queue = new TransferQueue({ ...options, now: () => 0 });
    queue.runWith(() => Promise.resolve());
    expect(() => queue.runWith(() => Promise.resolve())).toThrow(/has its runner already/);
  });
});
