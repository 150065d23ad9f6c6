import { describe, expect, it } from 'vitest';

import { PROBLEMS_SHOWN } from '../../../../app/ipc/views.js';
import { buildSnapshot } from '../../../../main/ui-host/snapshot-builder.js';
import type { EngineSession } from '../../../../main/ui-host/engine-session.js';
import { errno } from '../../../fakes/memory-file-system.js';
import { createHarness, ROOT } from '../../app/engine/engine-harness.js';

/** The UI's view of an engine on fakes (no config: the snapshot only needs the engine). */
function snapshotOf(h: ReturnType<typeof createHarness>) {
  const session = {
    composition: { engine: h.engine, profiles: new Map() },
    filesIn: () => 0,
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

describe('the UI snapshot lists what was not uploaded (issue 11)', () => {
  it('an unreadable folder counts as failed, a FIFO as skipped, each listed with why', async () => {
    const h = createHarness();
    h.write('ok.txt', 'fine');
    h.write('locked/secret.txt', 's');
    h.fs.failNext(`${ROOT}/locked`, errno('EACCES', `${ROOT}/locked`));
    h.fs.special(`${ROOT}/pipe`, 'fifo');
    await h.engine.runOnce();
    const snapshot = snapshotOf(h);
    const folder = snapshot.folders[0];
    expect(folder?.counts).toMatchObject({ failed: 1, skipped: 1 });
    expect(snapshot.totals.failed).toBe(1); // no transfer failed: the badge still shows it
    expect(folder?.problems.map((p) => [p.relativePath, p.outcome, p.reason])).toEqual([
      ['locked', 'failed', expect.stringMatching(/permission denied/)],
      ['pipe', 'skipped', 'special file (FIFO), not uploaded'],
    ]);
  });

  it(`sends at most ${PROBLEMS_SHOWN} problems per folder; the counts keep the totals`, async () => {
    const h = createHarness();
    for (let i = 0; i < PROBLEMS_SHOWN + 5; i++) h.fs.special(`${ROOT}/p${i}`, 'socket');
    await h.engine.runOnce();
    const folder = snapshotOf(h).folders[0];
    expect(folder?.problems).toHaveLength(PROBLEMS_SHOWN);
    expect(folder?.counts.skipped).toBe(PROBLEMS_SHOWN + 5);
  });
});
