import { describe, expect, it } from 'vitest';

import { folderStatusOf, trayStateOf } from '../../../../app/presentation/tray/tray-state.js';
import type { FolderView } from '../../../../app/ipc/views.js';
import type { EngineSession, FolderBlock } from '../../../../main/ui-host/engine-session.js';
import { buildSnapshot } from '../../../../main/ui-host/snapshot-builder.js';
import { createHarness } from '../../app/engine/engine-harness.js';

/** The UI's view of an engine on fakes, with the session's preflight bookkeeping steered. */
function snapshotOf(
  h: ReturnType<typeof createHarness>,
  session: { checking?: boolean; block?: FolderBlock | null },
) {
  const fake = {
    composition: { engine: h.engine, profiles: new Map() },
    filesIn: () => 0,
    isChecking: () => session.checking ?? false,
    blockOf: () => session.block ?? null,
    meter: { bytesPerSecond: () => 0 },
  } as unknown as EngineSession;
  return buildSnapshot({
    now: h.clock.now(),
    host: 'web',
    configPath: null,
    config: null,
    configError: null,
    session: fake,
    secretStored: new Map(),
    settings: { startAtLogin: null },
  });
}

const block: FolderBlock = {
  message: 'Folder "docs": /home/alice/docs does not exist.',
  hint: 'Create the folder.',
};

describe('a folder whose preflight is in flight shows "checking" (issue 12: it looked idle)', () => {
  it('the view says checking, and the tray counts it as work under way, not idle', () => {
    const h = createHarness();

    const snapshot = snapshotOf(h, { checking: true });

    expect(snapshot.folders[0]).toMatchObject({
      state: 'checking',
      lastError: null,
      blocked: null,
    });
    expect(snapshot.trayState).toBe('syncing');
  });

  it('once the check ends: the engine state, or the preflight error that kept it from starting', () => {
    const h = createHarness();

    expect(snapshotOf(h, { checking: false }).folders[0]?.state).toBe('idle');
    const blocked = snapshotOf(h, { checking: false, block });
    expect(blocked.folders[0]).toMatchObject({
      state: 'error',
      lastError: block.message,
      blocked: block,
    });
    expect(blocked.trayState).toBe('error');
  });

  it('checking again a folder that was blocked ("sync now") shows checking, not the old error', () => {
    const h = createHarness();

    const snapshot = snapshotOf(h, { checking: true, block });

    expect(snapshot.folders[0]).toMatchObject({
      state: 'checking',
      lastError: null,
      blocked: null,
    });
  });
});

describe('checking in the one precedence (tray-state.ts)', () => {
  const counts = { active: 0, queued: 0, failed: 0 };
  const checking: Pick<FolderView, 'state' | 'lastError' | 'pausedByUser'> = {
    state: 'checking',
    lastError: null,
    pausedByUser: false,
  };

  it('a folder card: checking below error, credentials and paused; above syncing', () => {
    const status = (overrides: Partial<typeof checking>, more = {}) =>
      folderStatusOf({
        folder: { ...checking, ...overrides, counts },
        pausedAll: false,
        credentials: 'valid',
        ...more,
      });

    expect(status({})).toBe('checking');
    expect(status({ lastError: 'x' })).toBe('error');
    expect(status({}, { credentials: 'expired' })).toBe('credentials-failing');
    expect(status({ pausedByUser: true })).toBe('paused');
    expect(status({}, { pausedAll: true })).toBe('paused');
    expect(status({}, { credentials: 'at-risk' })).toBe('credentials-at-risk');
  });

  it('the tray: a check in flight is never "idle"', () => {
    const totals = { active: 0, queued: 0, waiting: 0, failed: 0 };
    const tray = (state: FolderView['state']) =>
      trayStateOf({
        now: 0,
        pausedAll: false,
        folders: [{ ...checking, state }],
        credentials: [],
        totals,
      });

    expect(tray('checking')).toBe('syncing');
    expect(tray('idle')).toBe('idle');
  });
});
