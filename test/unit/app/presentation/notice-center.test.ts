import { describe, expect, it } from 'vitest';

import type { CredentialStatus } from '../../../../app/credentials/credential-broker.js';
import {
  DROP_SETTLE_MS,
  NOTICE_INTERVAL_MS,
  NoticeCenter,
} from '../../../../app/presentation/notice-center.js';
import type { Notice } from '../../../../app/ipc/views.js';
import type { Transfer } from '../../../../app/transfer/transfer-queue.js';

function setup() {
  let now = 1_000_000;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const notices: Notice[] = [];
  const center = new NoticeCenter(
    () => now,
    (delay, run) => {
      const timer = { at: now + delay, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    (notice) => notices.push(notice),
  );
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= now) timer.run();
      else timers.push(timer);
    }
  };
  return { center, notices, advance };
}

let nextId = 1;
function finished(
  relativePath: string,
  state: 'done' | 'failed',
  origin: 'sync' | 'drop' = 'sync',
  id = nextId++,
): Transfer {
  return {
    id,
    folderId: 'docs',
    relativePath,
    kind: 'upload',
    origin,
    drop:
      origin === 'drop' ? { absolutePath: `/tmp/${relativePath}`, remoteKey: relativePath } : null,
    size: 1,
    bytesDone: 1,
    state,
    retryAt: null,
    error:
      state === 'failed'
        ? { code: 'access-denied', message: 'Access denied.', hint: 'Check the policy.' }
        : null,
    note: null,
    partsReused: 0,
    startedAt: 1,
    finishedAt: 2,
  };
}

const failing: CredentialStatus = {
  state: 'failing',
  expiresAt: null,
  nextRefreshAt: null,
  lastRefreshAt: null,
  lastError: { code: 'sts-denied', message: 'STS refused.', hint: 'Check the role trust policy.' },
  retryAt: 5,
};

describe('NoticeCenter', () => {
  it('reports one failed upload with its reason', () => {
    const { center, notices, advance } = setup();
    center.onEvent({ type: 'transfer', transfer: finished('a.txt', 'failed') });
    advance(0);
    expect(notices).toMatchObject([
      {
        kind: 'sync-failed',
        level: 'error',
        title: 'Upload failed: a.txt',
        body: 'Access denied. Check the policy.',
      },
    ]);
  });

  it('coalesces a storm of failures into one notice per interval', () => {
    const { center, notices, advance } = setup();
    center.onEvent({ type: 'transfer', transfer: finished('first.txt', 'failed') });
    advance(0);
    for (let i = 0; i < 500; i++) {
      center.onEvent({ type: 'transfer', transfer: finished(`f${i}`, 'failed') });
    }
    advance(NOTICE_INTERVAL_MS - 1);
    expect(notices).toHaveLength(1);
    advance(1);
    expect(notices).toHaveLength(2);
    expect(notices[1]?.title).toBe('500 uploads failed');
  });

  it('reports failing credentials once until they recover', () => {
    const { center, notices } = setup();
    center.onEvent({ type: 'credentials', profileId: 'lab', status: failing });
    center.onEvent({ type: 'credentials', profileId: 'lab', status: failing });
    expect(notices).toMatchObject([
      {
        kind: 'credentials-failed',
        title: 'Cannot refresh the credentials of "lab"',
        body: 'STS refused. Check the role trust policy.',
      },
    ]);
    center.onEvent({
      type: 'credentials',
      profileId: 'lab',
      status: { ...failing, state: 'valid', lastError: null },
    });
    expect(notices).toHaveLength(1);
  });

  it('announces a drop batch when its last file has finished, with what failed', () => {
    const { center, notices, advance } = setup();
    const a = finished('a.txt', 'done', 'drop');
    const b = finished('b.txt', 'failed', 'drop');
    center.trackDropBatch('bucket/docs/', [a.id, b.id]);
    center.onEvent({ type: 'transfer', transfer: a });
    expect(notices).toEqual([]);
    center.onEvent({ type: 'transfer', transfer: b });
    advance(DROP_SETTLE_MS);
    expect(notices).toMatchObject([
      {
        kind: 'drop-finished',
        level: 'error',
        title: 'Dropped files: 1 uploaded, 1 not uploaded',
        body: 'To bucket/docs/. Not uploaded: b.txt',
      },
    ]);
  });

  it('gives one notice for a drop whose files came as separate requests (the browser: one PUT each)', () => {
    const { center, notices, advance } = setup();
    const a = finished('a.txt', 'done', 'drop');
    const b = finished('b.txt', 'done', 'drop');
    center.trackDropBatch('bucket/docs/', [a.id]);
    center.onEvent({ type: 'transfer', transfer: a }); // done before b was even sent
    advance(DROP_SETTLE_MS - 1);
    center.trackDropBatch('bucket/docs/', [b.id]);
    center.onEvent({ type: 'transfer', transfer: b });
    advance(DROP_SETTLE_MS);
    expect(notices).toMatchObject([{ kind: 'drop-finished', title: 'Uploaded 2 dropped files' }]);
  });

  it('does not report a failed drop as a failed sync', () => {
    const { center, notices, advance } = setup();
    const dropped = finished('x.txt', 'failed', 'drop');
    center.trackDropBatch('bucket/', [dropped.id]);
    center.onEvent({ type: 'transfer', transfer: dropped });
    advance(NOTICE_INTERVAL_MS);
    expect(notices.map((n) => n.kind)).toEqual(['drop-finished']);
  });
});
