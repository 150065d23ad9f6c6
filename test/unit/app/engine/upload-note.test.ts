import { describe, expect, it } from 'vitest';

import { uploadNote } from '../../../../app/engine/upload-note.js';

describe('uploadNote', () => {
  it.each([
    [{ partsReused: 0 }, null],
    [{ partsReused: 3 }, 'resumed: 3 parts were already stored and not sent again'],
    [
      { partsReused: 0, partSizeRaisedTo: 11 * 1024 * 1024 },
      'sent in 11 MiB parts (raised from the configured size so the file fits in 10,000 parts)',
    ],
    [
      { partsReused: 2, partSizeRaisedTo: 105 * 1024 * 1024 },
      'resumed: 2 parts were already stored and not sent again; sent in 105 MiB parts (raised from the configured size so the file fits in 10,000 parts)',
    ],
  ])('%o → %j', (outcome, note) => {
    expect(uploadNote(outcome)).toBe(note);
  });
});
