import { describe, expect, it } from 'vitest';

import { toTransferView } from '../../../../app/ipc/transfer-view.js';
import type { Transfer } from '../../../../app/transfer/transfer.js';

/** A file found inside a dropped folder, as the queue holds it mid-retry. */
function droppedFile(): Transfer {
  return {
    id: 41,
    folderId: 'docs',
    relativePath: 'inbox/album/one.jpg',
    kind: 'upload',
    origin: 'drop',
    drop: {
      absolutePath: '/home/u/Secret stuff/album/one.jpg',
      remoteKey: 'docs/inbox/album/one.jpg',
      beneath: { root: '/home/u/Secret stuff', relativePath: 'album/one.jpg' },
    },
    size: 2_048,
    bytesDone: 1_024,
    state: 'retrying',
    retryAt: 9_000,
    error: { code: 'network', message: 'The connection was reset.' },
    note: null,
    partsReused: 1,
    startedAt: 1_000,
    finishedAt: null,
    queuedAt: 900,
    remoteKey: 'docs/inbox/album/one.jpg',
    attempts: 2,
  };
}

describe('toTransferView', () => {
  it('leaves out how the engine opens a dropped file (its dropped root and the path below it)', () => {
    const view = toTransferView(droppedFile());
    const wire = JSON.stringify(view);
    expect(wire).not.toContain('beneath');
    expect(wire).not.toContain('"root"');
    expect(view.drop).toEqual({
      absolutePath: '/home/u/Secret stuff/album/one.jpg',
      remoteKey: 'docs/inbox/album/one.jpg',
    });
  });

  it('names a watched file by its folder-relative path only: no absolute path crosses', () => {
    const synced: Transfer = {
      ...droppedFile(),
      origin: 'sync',
      drop: null,
      relativePath: 'a.txt',
    };
    expect(JSON.stringify(toTransferView(synced))).not.toContain('/home/u');
  });

  it('carries no field the view does not name (internal bookkeeping stays in the engine)', () => {
    const internal = { ...droppedFile(), runToken: 'x-7', pendingFollowUp: true } as Transfer;
    expect(Object.keys(toTransferView(internal)).sort()).toEqual(
      [
        'attempts',
        'bytesDone',
        'drop',
        'error',
        'finishedAt',
        'folderId',
        'id',
        'kind',
        'note',
        'origin',
        'partsReused',
        'queuedAt',
        'relativePath',
        'remoteKey',
        'retryAt',
        'size',
        'startedAt',
        'state',
      ].sort(),
    );
  });

  it('is a copy of one moment: the queue changing its record later does not change the view', () => {
    const transfer = droppedFile();
    const view = toTransferView(transfer);
    transfer.bytesDone = 2_048;
    transfer.state = 'done';
    expect(view).toMatchObject({ bytesDone: 1_024, state: 'retrying' });
  });

  it('keeps the routine-finish mark the list needs to drop the row it stood for', () => {
    const quiet: Transfer = { ...droppedFile(), state: 'skipped', quiet: true };
    expect(toTransferView(quiet).quiet).toBe(true);
  });
});
