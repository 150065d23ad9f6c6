import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TransferView } from '../../../../app/ipc/views.js';
import type { Transfer } from '../../../../app/transfer/transfer.js';
import { TransferFeed } from '../../../../main/ui-host/transfer-feed.js';

function dropped(id: number): Transfer {
  return {
    id,
    folderId: 'docs',
    relativePath: `in/${id}.bin`,
    kind: 'upload',
    origin: 'drop',
    drop: {
      absolutePath: `/home/u/drop/${id}.bin`,
      remoteKey: `in/${id}.bin`,
      beneath: { root: '/home/u/drop', relativePath: `${id}.bin` },
    },
    size: 10,
    bytesDone: 0,
    state: 'queued',
    retryAt: null,
    error: null,
    note: null,
    partsReused: 0,
    startedAt: null,
    finishedAt: null,
  };
}

describe('TransferFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends each transfer once per batch, as a view of its newest state', () => {
    const batches: TransferView[][] = [];
    const feed = new TransferFeed((upserts) => batches.push(upserts), 250);
    const one = dropped(1);
    feed.add(one);
    one.state = 'uploading';
    one.bytesDone = 5;
    feed.add(one);
    feed.add(dropped(2));
    vi.advanceTimersByTime(250);

    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((view) => [view.id, view.state, view.bytesDone])).toEqual([
      [1, 'uploading', 5],
      [2, 'queued', 0],
    ]);
    // The queue's record does not cross: how a dropped folder's file is opened stays behind.
    expect(batches[0]?.[0]).not.toBe(one);
    expect(JSON.stringify(batches)).not.toContain('beneath');
    feed.stop();
  });
});
