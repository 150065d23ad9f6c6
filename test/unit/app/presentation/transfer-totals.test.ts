import { describe, expect, it } from 'vitest';

import { countTransfers } from '../../../../app/presentation/transfer-totals.js';
import { ThroughputMeter } from '../../../../app/presentation/throughput-meter.js';
import type { Transfer } from '../../../../app/transfer/transfer-queue.js';

let nextId = 1;
function transfer(relativePath: string, state: Transfer['state'], folderId = 'docs'): Transfer {
  return {
    id: nextId++,
    folderId,
    relativePath,
    kind: 'upload',
    origin: 'sync',
    drop: null,
    size: 10,
    bytesDone: 0,
    state,
    retryAt: null,
    error: null,
    note: null,
    partsReused: 0,
    startedAt: null,
    finishedAt: null,
  };
}

describe('countTransfers', () => {
  it('counts each path once, by its newest transfer', () => {
    const counts = countTransfers([
      transfer('a.txt', 'failed'),
      transfer('a.txt', 'done'), // retried and succeeded: not failed any more
      transfer('b.txt', 'failed'),
      transfer('c.txt', 'uploading'),
      transfer('d.txt', 'waiting-for-credentials'),
      transfer('e.txt', 'queued', 'photos'),
    ]);
    expect(counts.totals).toEqual({
      queued: 1,
      active: 1,
      waiting: 1,
      failed: 1,
      done: 1,
      skipped: 0,
    });
    expect(counts.byFolder.get('docs')).toEqual({ queued: 0, active: 2, failed: 1 });
    expect(counts.byFolder.get('photos')).toEqual({ queued: 1, active: 0, failed: 0 });
  });

  it('keeps a drop apart from a synced file of the same name', () => {
    const dropped = {
      ...transfer('a.txt', 'failed'),
      origin: 'drop' as const,
      drop: { absolutePath: '/tmp/a.txt', remoteKey: 'docs/a.txt' },
    };
    const counts = countTransfers([dropped, transfer('a.txt', 'done')]);
    expect(counts.totals).toMatchObject({ failed: 1, done: 1 });
  });
});

describe('ThroughputMeter', () => {
  it('averages over its window and forgets what is older', () => {
    const meter = new ThroughputMeter(5_000);
    // Each step's bytes went out since the previous report (issue 13: spread, not bursts).
    meter.add(5_000_000, 1_000, 0);
    meter.add(5_000_000, 3_000, 1_000);
    expect(meter.bytesPerSecond(4_000)).toBe(3_333_333); // 10 MB over the 3 s they cover
    // The first step left the window, half of the second is still in it.
    expect(meter.bytesPerSecond(7_000)).toBe(2_500_000);
    expect(meter.bytesPerSecond(9_000)).toBe(0);
  });

  it('ignores non-positive amounts (a retry restarts bytesDone at 0)', () => {
    const meter = new ThroughputMeter(1_000);
    meter.add(-100, 0);
    meter.add(0, 0);
    expect(meter.bytesPerSecond(10)).toBe(0);
  });
});
