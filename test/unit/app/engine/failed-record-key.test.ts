import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import { createHarness } from './engine-harness.js';

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';

describe('a failed upload is recorded under the key the file maps to (issue 14)', () => {
  it('an NFD-named file that fails is recorded under its NFC key', async () => {
    const h = createHarness();
    h.write(NFD, 'written on a Mac');
    h.store.failNext('putObject', new SyncError('server-error', 'no-retry', 'refused'));

    const summary = await h.engine.runOnce();

    expect(summary.failed.map((t) => t.relativePath)).toEqual([NFD]);
    // The runner used to build `${prefix}${path}` itself: an NFD key no upload ever writes.
    expect(h.journal.getFile('docs', NFD)).toMatchObject({
      state: 'failed',
      remoteKey: `alice/docs/${NFC}`,
    });
  });
});
