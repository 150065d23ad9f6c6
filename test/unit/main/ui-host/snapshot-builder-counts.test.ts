import { describe, expect, it } from 'vitest';

import { buildSnapshot } from '../../../../main/ui-host/snapshot-builder.js';
import type { EngineSession } from '../../../../main/ui-host/engine-session.js';
import { createHarness } from '../../app/engine/engine-harness.js';

/** The UI's view of an engine on fakes; `files` is what the session saw at the last scan. */
function snapshotOf(h: ReturnType<typeof createHarness>, files: number) {
  const session = {
    composition: { engine: h.engine, profiles: new Map() },
    filesIn: () => files,
    isChecking: () => false,
    blockOf: () => null,
    meter: { bytesPerSecond: () => 0 },
  } as unknown as EngineSession;
  return buildSnapshot({
    now: h.clock.now(),
    host: 'web',
    configPath: null,
    config: null,
    configError: null,
    session,
    secretStored: new Map(),
    settings: { startAtLogin: null },
  });
}

// Issue 13: a folder card said "0 files" after files were dropped on it.
describe('folder card counts', () => {
  it('counts dropped files apart from the local files, each key once', async () => {
    const h = createHarness();
    h.fs.mkdir('/home/ann/Desktop');
    h.fs.writeFile('/home/ann/Desktop/a.pdf', 'dropped a');
    h.fs.writeFile('/home/ann/Desktop/b.pdf', 'dropped b');
    await h.engine.runOnce(); // an empty local folder
    const drop = (key: string, path: string) =>
      h.engine.uploadDropped('docs', [{ absolutePath: path, relativeKey: key, size: 9 }]);
    drop('inbox/a.pdf', '/home/ann/Desktop/a.pdf');
    drop('inbox/b.pdf', '/home/ann/Desktop/b.pdf');
    await h.engine.drain();
    drop('inbox/a.pdf', '/home/ann/Desktop/a.pdf'); // the same file dropped again
    await h.engine.drain();
    const counts = snapshotOf(h, 0).folders[0]?.counts;
    expect(counts).toMatchObject({ files: 0, dropped: 2, failed: 0 });
  });

  it('a folder not read yet shows no file count rather than 0', () => {
    const h = createHarness();
    expect(snapshotOf(h, 0).folders[0]?.counts.files).toBeNull();
  });
});
