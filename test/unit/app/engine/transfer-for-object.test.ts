import { describe, expect, it } from 'vitest';

import { transferForObject } from '../../../../app/engine/transfer-for-object.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import type { Transfer } from '../../../../app/transfer/transfer.js';

const folder = (id: string, bucket: string, prefix: string): FolderSpec => ({
  id,
  root: `/data/${id}`,
  profileId: 'p',
  bucket,
  prefix,
  mode: 'upload',
  ignore: [],
  remoteListing: false,
  deleteDelayMs: 0,
});

let nextId = 1;
const transfer = (overrides: Partial<Transfer>): Transfer => ({
  id: nextId++,
  folderId: 'photos',
  relativePath: 'a.jpg',
  kind: 'upload',
  origin: 'sync',
  drop: null,
  size: 10,
  bytesDone: 0,
  state: 'uploading',
  retryAt: null,
  error: null,
  note: null,
  partsReused: 0,
  startedAt: 0,
  finishedAt: null,
  ...overrides,
});

describe('transferForObject', () => {
  const folders = [folder('photos', 'pics', '2026/'), folder('docs', 'docs', '')];

  it('finds the running upload a key belongs to, by its folder mapping (NFC included)', () => {
    const wanted = transfer({ relativePath: 'trip/cafe\u0301.jpg' });
    const transfers = [
      transfer({ relativePath: 'trip/other.jpg' }),
      transfer({ folderId: 'docs', relativePath: 'trip/café.jpg' }),
      wanted,
    ];
    expect(transferForObject(transfers, folders, 'pics', '2026/trip/café.jpg')).toBe(wanted);
  });

  it('finds a drop by its own key, and never a finished or queued row', () => {
    const drop = transfer({
      origin: 'drop',
      drop: { absolutePath: '/tmp/x.iso', remoteKey: '2026/dropped/x.iso' },
      relativePath: 'x.iso',
    });
    expect(transferForObject([drop], folders, 'pics', '2026/dropped/x.iso')).toBe(drop);
    const done = transfer({ state: 'done' });
    const queued = transfer({ state: 'queued' });
    expect(transferForObject([done, queued], folders, 'pics', '2026/a.jpg')).toBeUndefined();
    expect(transferForObject([transfer({})], folders, 'other', '2026/a.jpg')).toBeUndefined();
  });
});
