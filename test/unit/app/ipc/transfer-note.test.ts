import { describe, expect, it } from 'vitest';

import { ALREADY_GONE_NOTE } from '../../../../app/engine/guarded-delete.js';
import { UNCHANGED_NOTE } from '../../../../app/engine/transfer-runner.js';
import { INTERRUPTED_NOTE, uploadNote } from '../../../../app/engine/upload-note.js';
import { transferNoteCodes } from '../../../../app/ipc/transfer-note.js';
import { toTransferView } from '../../../../app/ipc/transfer-view.js';
import type { Transfer } from '../../../../app/transfer/transfer.js';

// Screenshot review (issue 13): row notes were English strings in the zh-CN UI. Each note is
// built here with the engine's own constants and functions: a reworded note fails this test.
describe('transferNoteCodes', () => {
  it.each([
    [UNCHANGED_NOTE, 'unchanged'],
    [INTERRUPTED_NOTE, 'interrupted'],
    [ALREADY_GONE_NOTE, 'already-gone'],
    ['the file is still being written; Ferry tries again shortly', 'still-being-written'],
    ['the file changed during the upload; it is uploaded again', 'changed-during-upload'],
    ['still changing: waiting for it to hold still', 'still-changing'],
  ])('%s → %s', (note, code) => {
    expect(transferNoteCodes(note)).toEqual([{ code, params: {} }]);
  });

  it('reads the resume and the raised part size back with their params', () => {
    const note = uploadNote({ partsReused: 3, partSizeRaisedTo: 16 * 1024 * 1024 });
    expect(transferNoteCodes(note)).toEqual([
      { code: 'resumed', params: { parts: 3 } },
      { code: 'part-size-raised', params: { size: '16 MiB' } },
    ]);
  });

  it('gives no code to a note it does not know (the UI shows the English)', () => {
    expect(transferNoteCodes('something new')).toBeNull();
    expect(transferNoteCodes(null)).toBeNull();
  });

  it('puts the codes on the view', () => {
    const transfer = {
      id: 1,
      folderId: 'f',
      relativePath: 'a.txt',
      kind: 'upload',
      origin: 'sync',
      size: 1,
      bytesDone: 1,
      state: 'skipped',
      retryAt: null,
      error: null,
      note: UNCHANGED_NOTE,
      partsReused: 0,
      startedAt: null,
      finishedAt: null,
    } as unknown as Transfer;
    expect(toTransferView(transfer).noteCodes).toEqual([{ code: 'unchanged', params: {} }]);
  });
});
