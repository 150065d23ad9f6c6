import { describe, expect, it } from 'vitest';

import { countTransfers } from '../../../../app/presentation/transfer-totals.js';
import { journalTransferRows } from '../../../../app/transfer/journal-transfer-rows.js';
import { TransferQueue, type Transfer } from '../../../../app/transfer/transfer-queue.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';

const UNCHANGED = 'unchanged since its last upload';

/** A queue whose runner does what `outcome` says for each path (by default: uploads it). */
function engine(journal: MemoryJournal, historyLimit = 10_000) {
  const outcome = new Map<string, (t: Transfer, q: TransferQueue) => void>();
  let time = 1_000;
  const queue: TransferQueue = new TransferQueue({
    concurrency: 4,
    largeFileBytes: 1_000_000,
    maxLargeConcurrent: 2,
    historyLimit,
    now: () => time,
    rowStore: journalTransferRows(journal, new Set(['f', 'g'])),
    isRoutine: (t) => t.state === 'skipped' && t.note === UNCHANGED,
  }).runWith((transfer) => {
    time += 1;
    const run = outcome.get(transfer.relativePath);
    if (run) run(transfer, queue);
    else queue.update(transfer, { state: 'done', bytesDone: transfer.size });
    return Promise.resolve();
  });
  return { queue, outcome };
}

const upload = (relativePath: string, folderId = 'f') => ({
  folderId,
  relativePath,
  kind: 'upload' as const,
  size: 10,
});

const unchanged = (t: Transfer, q: TransferQueue) =>
  q.update(t, { state: 'skipped', note: UNCHANGED });
const fails = (t: Transfer, q: TransferQueue) =>
  q.update(t, {
    state: 'failed',
    error: { code: 'access-denied', message: 'Denied.', hint: 'Fix the policy.' },
  });

describe('transfer rows: one per file, updated in place (issue 13)', () => {
  it('200 files give 200 rows; a watcher re-run that finds a file unchanged keeps its Done row', async () => {
    const { queue, outcome } = engine(new MemoryJournal());
    for (let i = 0; i < 200; i++) queue.enqueue(upload(`file-${i}.txt`));
    await queue.whenIdle();
    const before = queue.list().find((t) => t.relativePath === 'file-7.txt');
    outcome.set('file-7.txt', unchanged);
    queue.enqueue(upload('file-7.txt'));
    await queue.whenIdle();
    const rows = queue.list();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((t) => t.id)).size).toBe(200);
    const row = rows.find((t) => t.relativePath === 'file-7.txt');
    expect(row).toMatchObject({ id: before?.id, state: 'done' });
    expect(countTransfers(rows).totals).toMatchObject({ done: 200, failed: 0, queued: 0 });
  });

  it('a routine finish with no earlier row is neither listed nor counted', async () => {
    const { queue, outcome } = engine(new MemoryJournal());
    outcome.set('old.txt', unchanged);
    queue.enqueue(upload('old.txt'));
    await queue.whenIdle();
    expect(queue.list()).toEqual([]);
  });

  it('a failure and its Retry stay one row with the same id; attempts are counted', async () => {
    const { queue, outcome } = engine(new MemoryJournal());
    outcome.set('bad.txt', fails);
    const first = queue.enqueue(upload('bad.txt'));
    await queue.whenIdle();
    expect(queue.list()).toMatchObject([{ id: first.id, state: 'failed', attempts: 1 }]);
    expect(countTransfers(queue.list()).totals.failed).toBe(1);
    outcome.delete('bad.txt');
    const retry = queue.enqueue(upload('bad.txt'));
    expect(retry.id).toBe(first.id);
    await queue.whenIdle();
    expect(queue.list()).toMatchObject([{ id: first.id, state: 'done', error: null }]);
  });

  it('ids and history survive an engine restart on the same journal; failures outlive the limit', async () => {
    const journal = new MemoryJournal();
    const one = engine(journal, 3);
    one.outcome.set('bad.txt', fails);
    one.queue.enqueue(upload('bad.txt'));
    for (const name of ['a', 'b', 'c', 'd', 'e']) one.queue.enqueue(upload(name));
    await one.queue.whenIdle();
    const ids = new Map(one.queue.list().map((t) => [t.relativePath, t.id]));
    // In memory: the newest 3 finished, plus the failure however old.
    expect(
      one.queue
        .list()
        .map((t) => t.relativePath)
        .sort(),
    ).toEqual(['bad.txt', 'c', 'd', 'e']);

    const two = engine(journal, 3);
    const loaded = two.queue.list();
    expect(loaded.map((t) => t.relativePath).sort()).toEqual(['a', 'b', 'bad.txt', 'c', 'd', 'e']);
    expect(loaded.find((t) => t.relativePath === 'bad.txt')).toMatchObject({
      id: ids.get('bad.txt'),
      state: 'failed',
      error: { code: 'access-denied', hint: 'Fix the policy.' },
    });
    const again = two.queue.enqueue(upload('d'));
    expect(again.id).toBe(ids.get('d'));
    const fresh = two.queue.enqueue(upload('new'));
    expect([...ids.values()]).not.toContain(fresh.id);
    await two.queue.whenIdle();
  });

  it('rows of a folder no longer configured are not loaded', async () => {
    const journal = new MemoryJournal();
    const one = engine(journal);
    one.queue.enqueue(upload('x', 'gone'));
    one.queue.enqueue(upload('y', 'g'));
    await one.queue.whenIdle();
    expect(
      engine(journal)
        .queue.list()
        .map((t) => t.folderId),
    ).toEqual(['g']);
  });
});
