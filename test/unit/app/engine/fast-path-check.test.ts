import { describe, expect, it } from 'vitest';

import type { FileRecord } from '../../../../app/ports/journal.js';
import { createHarness, ROOT } from './engine-harness.js';

const MTIME = 1_000;

/** A synced record of `a.txt` ("alpha", 5 bytes at MTIME) under `remoteKey`. */
function recorded(remoteKey: string): FileRecord {
  return {
    folderId: 'docs',
    relativePath: 'a.txt',
    size: 5,
    mtimeMs: MTIME,
    md5: null,
    remoteKey,
    etag: 'e',
    state: 'synced',
    lastError: null,
    updatedAt: 0,
  };
}

/** Watching an empty folder; then `a.txt` appears with `record` in the journal, and an event. */
async function watcherSeesA(record: FileRecord) {
  const h = createHarness({ clock: 'fake' });
  await h.engine.start();
  h.fs.writeFile(`${ROOT}/a.txt`, 'alpha', MTIME);
  h.journal.putFile(record);
  h.watcher.emit(ROOT, [{ type: 'change', relativePath: 'a.txt' }]);
  return h;
}

async function settled(h: ReturnType<typeof createHarness>): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  await h.engine.drain();
}

describe("the watcher's fast path asks the ledger's one rule (issue 14)", () => {
  it('skips a version recorded under the key the path maps to now', async () => {
    const h = await watcherSeesA(recorded('alice/docs/a.txt'));
    await settled(h);

    expect(h.statesOf('a.txt')).toEqual([]);
    expect(h.object('a.txt')).toBeUndefined();
    await h.engine.stop();
  });

  it('uploads a version recorded only under another prefix (it used to be skipped)', async () => {
    const h = await watcherSeesA(recorded('old-prefix/a.txt'));
    await settled(h);

    expect(h.text('a.txt')).toBe('alpha');
    expect(h.journal.getFile('docs', 'a.txt')).toMatchObject({
      remoteKey: 'alice/docs/a.txt',
      state: 'synced',
    });
    await h.engine.stop();
  });
});
