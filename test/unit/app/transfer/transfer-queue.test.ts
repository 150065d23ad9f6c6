import { describe, expect, it } from 'vitest';

import { TransferQueue, type Transfer } from '../../../../app/transfer/transfer-queue.js';

function setup(concurrency: number, maxLargeConcurrent: number) {
  const running = new Set<Transfer>();
  const releases = new Map<string, () => void>();
  let maxLarge = 0;
  const queue = new TransferQueue(
    (transfer) =>
      new Promise<void>((resolve) => {
        running.add(transfer);
        maxLarge = Math.max(maxLarge, [...running].filter((t) => t.size > 100).length);
        releases.set(transfer.relativePath, () => {
          running.delete(transfer);
          resolve();
        });
      }),
    { concurrency, largeFileBytes: 100, maxLargeConcurrent, historyLimit: 100, now: () => 0 },
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
