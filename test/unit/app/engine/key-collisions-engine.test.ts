import { describe, expect, it } from 'vitest';

import { createHarness, ROOT } from './engine-harness.js';

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';

/** The journal/disk state an older Ferry left: both spellings uploaded to the one NFC key. */
function bothRecorded(h: ReturnType<typeof createHarness>, content: string) {
  for (const relativePath of [NFC, NFD]) {
    h.journal.putFile({
      folderId: 'docs',
      relativePath,
      size: content.length,
      mtimeMs: 1,
      md5: null,
      remoteKey: `alice/docs/${NFC}`,
      etag: null,
      state: 'synced',
      lastError: null,
      updatedAt: 0,
    });
  }
}

describe('two local names, one key (issue 11)', () => {
  it('--once: both files fail with invalid-name, neither is uploaded', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write(NFC, 'written on Linux');
    h.write(NFD, 'copied from a Mac');
    h.write('plain.txt', 'fine');
    const summary = await h.engine.runOnce();
    expect(summary.uploaded).toBe(1);
    expect(summary.failed.map((t) => [t.relativePath, t.error?.code]).sort()).toEqual(
      [
        [NFC, 'invalid-name'],
        [NFD, 'invalid-name'],
      ].sort(),
    );
    expect(summary.failed[0]?.error?.message).toMatch(/^Two files map to the same key/);
    expect(h.object(NFC)).toBeUndefined();
    expect(
      h.logger.lines.some((l) => /Two files map to the same key/.test(JSON.stringify(l))),
    ).toBe(true);
  });

  it('mirror: removing one spelling never deletes the object the other still maps to (was data loss)', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write(NFC, 'keep me');
    await h.engine.runOnce();
    expect(h.text(NFC)).toBe('keep me');
    bothRecorded(h, 'keep me');
    h.write(NFD, 'keep me');
    h.fs.remove(`${ROOT}/${NFD}`);
    const summary = await h.engine.runOnce();
    expect(summary.deleted).toBe(0);
    expect(h.text(NFC)).toBe('keep me');
    expect(h.journal.getFile('docs', NFD)).toBeUndefined();
  });

  it('once one of them is renamed, the other uploads at the next run', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.write(NFC, 'one');
    h.write(NFD, 'two');
    await h.engine.runOnce();
    h.fs.remove(`${ROOT}/${NFD}`);
    h.write('cafe-2.txt', 'two');
    const summary = await h.engine.runOnce();
    expect(summary.failed).toEqual([]);
    expect(summary.deleted).toBe(0);
    expect(h.text(NFC)).toBe('one');
    expect(h.text('cafe-2.txt')).toBe('two');
  });

  it('watching: a second spelling seen by the watcher fails both, the uploaded object is not overwritten', async () => {
    const h = createHarness({ clock: 'fake' });
    h.write(NFC, 'the original');
    await h.engine.start();
    await waitFor(() => h.text(NFC) === 'the original');
    h.write(NFD, 'the impostor');
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: NFD }]);
    await waitFor(() => h.statesOf(NFD).includes('failed') && h.statesOf(NFC).includes('failed'));
    expect(h.text(NFC)).toBe('the original');
    expect(h.journal.getFile('docs', NFD)).toMatchObject({ state: 'failed' });
    // Removing the impostor frees the original, which is checked again and left as it is.
    h.fs.remove(`${ROOT}/${NFD}`);
    h.watcher.emit(ROOT, [{ type: 'unlink', relativePath: NFD }]);
    await waitFor(() => h.statesOf(NFC).filter((s) => s === 'done' || s === 'skipped').length > 0);
    expect(h.text(NFC)).toBe('the original');
    await h.engine.stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
