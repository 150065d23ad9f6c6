import { describe, expect, it } from 'vitest';

import { flushMicrotasks } from '../../../fakes/fake-clock.js';
import { createHarness, ROOT } from './engine-harness.js';

const OUTSIDE = '/home/alice/private';

/** The failed transfer of `relativePath`, as the UI and the summary see it. */
function failureOf(h: ReturnType<typeof createHarness>, relativePath: string) {
  for (const event of [...h.events].reverse()) {
    if (event.type === 'transfer' && event.transfer.relativePath === relativePath) {
      if (event.transfer.state === 'failed') return event.transfer.error;
    }
  }
  return undefined;
}

describe('the folder boundary (issue 11)', () => {
  it('watching: a file reported under a directory that is now a link fails with the reason, nothing is uploaded', async () => {
    const h = createHarness({ clock: 'fake' });
    h.fs.writeFile(`${OUTSIDE}/f.txt`, 'SECRET: outside the folder');
    await h.engine.start();
    // A directory of the folder was swapped for a link just after the watcher saw a file in it.
    h.fs.symlink(`${ROOT}/sub`, OUTSIDE);
    h.watcher.emit(ROOT, [{ type: 'add', relativePath: 'sub/f.txt' }]);

    await waitFor(() => failureOf(h, 'sub/f.txt') !== undefined);
    expect(failureOf(h, 'sub/f.txt')).toMatchObject({
      code: 'outside-folder',
      message: expect.stringContaining('goes through a symbolic link ("sub")') as string,
    });
    expect(h.object('sub/f.txt')).toBeUndefined();
    expect(h.store.calls.putObject).toBe(0);
    expect(h.fs.openHandles).toBe(0);
    await h.engine.stop();
  });

  it('a run never uploads through a symlinked directory (the walk does not follow it either)', async () => {
    const h = createHarness();
    h.fs.writeFile(`${OUTSIDE}/f.txt`, 'SECRET: outside the folder');
    h.fs.symlink(`${ROOT}/sub`, OUTSIDE);
    h.write('inside.txt', 'inside');
    const summary = await h.engine.runOnce();
    expect(h.text('inside.txt')).toBe('inside');
    expect(h.object('sub/f.txt')).toBeUndefined();
    expect(summary.uploaded).toBe(1);
  });
});

describe('drops (issue 11)', () => {
  it('a file inside a dropped folder whose subfolder became a link fails with the reason; its sibling uploads', async () => {
    const h = createHarness();
    h.fs.writeFile(`${OUTSIDE}/f.txt`, 'SECRET: outside the drop');
    h.fs.writeFile('/tmp/drop/album/cover.jpg', 'cover');
    h.fs.writeFile('/tmp/drop/album/2026/f.txt', 'inside the drop');
    // Expanded while 2026 was a folder; swapped for a link before the upload.
    h.fs.remove('/tmp/drop/album/2026');
    h.fs.symlink('/tmp/drop/album/2026', OUTSIDE);
    const inside = (relativePath: string) => ({
      absolutePath: `/tmp/drop/album/${relativePath}`,
      relativeKey: `album/${relativePath}`,
      size: 5,
      beneath: { root: '/tmp/drop/album', relativePath },
    });
    h.engine.uploadDropped('docs', [inside('cover.jpg'), inside('2026/f.txt')]);
    await h.engine.drain();

    expect(h.text('album/cover.jpg')).toBe('cover');
    expect(h.object('album/2026/f.txt')).toBeUndefined();
    expect(failureOf(h, 'album/2026/f.txt')).toMatchObject({ code: 'outside-folder' });
    expect(h.fs.openHandles).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await flushMicrotasks();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
