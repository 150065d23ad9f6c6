import { describe, expect, it } from 'vitest';

import { createHarness, PART, patterned } from './engine-harness.js';

describe('SyncEngine.uploadDropped (drag-and-drop one-offs)', () => {
  it('uploads files from anywhere below the folder prefix without recording them as folder files', async () => {
    const h = createHarness({ folder: { mode: 'mirror' } });
    h.fs.mkdir('/home/alice/Desktop');
    h.fs.writeFile('/home/alice/Desktop/report.pdf', 'dropped report');
    h.fs.writeFile('/home/alice/Desktop/big.iso', patterned(3 * PART + 7));
    h.write('local.txt', 'a synced file');
    await h.engine.runOnce();

    const transfers = h.engine.uploadDropped('docs', [
      { absolutePath: '/home/alice/Desktop/report.pdf', relativeKey: 'inbox/report.pdf', size: 14 },
      {
        absolutePath: '/home/alice/Desktop/big.iso',
        relativeKey: 'inbox/big.iso',
        size: 3 * PART + 7,
      },
    ]);
    expect(transfers.map((t) => t.origin)).toEqual(['drop', 'drop']);
    await h.engine.drain();

    expect(h.text('inbox/report.pdf')).toBe('dropped report');
    expect(h.object('inbox/big.iso')?.body).toEqual(patterned(3 * PART + 7));
    expect(transfers.map((t) => t.state)).toEqual(['done', 'done']);
    // Not folder state: no journal record, no checkpoint left behind…
    expect(h.journal.listFiles('docs').map((r) => r.relativePath)).toEqual(['local.txt']);
    expect(h.journal.listCheckpoints()).toEqual([]);
    // …so a mirror folder's next scan neither deletes nor re-uploads them.
    expect(await h.engine.runOnce()).toMatchObject({ uploaded: 0, deleted: 0 });
    expect(h.text('inbox/report.pdf')).toBe('dropped report');
  });

  it('a drop of a path that is also a folder file does not merge with its sync transfer', async () => {
    const h = createHarness();
    h.fs.writeFile('/tmp/a.txt', 'from the desktop');
    h.write('a.txt', 'from the folder');
    const [drop] = h.engine.uploadDropped('docs', [
      { absolutePath: '/tmp/a.txt', relativeKey: 'dropped/a.txt', size: 16 },
    ]);
    await h.engine.runOnce();
    expect(drop?.state).toBe('done');
    expect(h.text('a.txt')).toBe('from the folder');
    expect(h.text('dropped/a.txt')).toBe('from the desktop');
  });

  it('a vanished dropped file ends as skipped with the reason, and nothing is recorded', async () => {
    const h = createHarness();
    const [drop] = h.engine.uploadDropped('docs', [
      { absolutePath: '/tmp/gone.txt', relativeKey: 'gone.txt', size: 3 },
    ]);
    await h.engine.drain();
    expect(drop).toMatchObject({ state: 'skipped', note: expect.stringContaining('disappeared') });
    expect(h.object('gone.txt')).toBeUndefined();
    expect(h.journal.listFiles('docs')).toEqual([]);
  });

  it('refuses an unknown folder', () => {
    const h = createHarness();
    expect(() => h.engine.uploadDropped('nope', [])).toThrow(/no folder "nope"/);
  });
});
