import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type { TrayState, UiSnapshot } from '../../../../app/ipc/views.js';
import type { TrayAction, TrayMenuItem } from '../../../../app/presentation/tray/tray-menu.js';
import { trayStrings } from '../../../../app/presentation/tray/tray-strings.js';
import { startTrayController, type TrayView } from '../../../../main/electron/tray-controller.js';
import { aProfile, aSnapshot, aTransfer, NOW } from '../../app/presentation/tray/ui-snapshot.js';
import { recordingHost } from './fake-ipc.js';

/** The OS tray as the user sees it, with a count of how often each part was redrawn. */
class FakeTrayView implements TrayView {
  state: TrayState | undefined;
  toolTip = '';
  items: readonly TrayMenuItem[] = [];
  onAction: (action: TrayAction) => void = () => undefined;
  readonly redraws = { state: 0, toolTip: 0, menu: 0 };

  showState(state: TrayState): void {
    this.state = state;
    this.redraws.state += 1;
  }

  setToolTip(text: string): void {
    this.toolTip = text;
    this.redraws.toolTip += 1;
  }

  setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): void {
    this.items = items;
    this.onAction = onAction;
    this.redraws.menu += 1;
  }

  /** Clicks the item with this id, looking into submenus. */
  click(id: string): void {
    const all = this.items.flatMap((item) => [item, ...(item.submenu ?? [])]);
    const item = all.find((candidate) => candidate.id === id);
    if (!item?.action || !item.enabled) throw new Error(`cannot click ${id}`);
    this.onAction(item.action);
  }

  labels(submenuId: string): string[] {
    return this.items.find((item) => item.id === submenuId)?.submenu?.map((i) => i.label) ?? [];
  }
}

function setup(first: UiSnapshot = aSnapshot(), transfers = [aTransfer(1, 'docs/a.txt')]) {
  const host = recordingHost({
    'app:get-snapshot': () => Promise.resolve(first),
    'transfers:list': () => Promise.resolve(transfers),
  });
  const view = new FakeTrayView();
  const shell = { shown: 0, quit: 0, errors: [] as unknown[] };
  const controller = startTrayController({
    host,
    view,
    strings: trayStrings('en'),
    now: () => Date.now(),
    showWindow: () => void (shell.shown += 1),
    quit: () => void (shell.quit += 1),
    reportError: (error) => shell.errors.push(error),
  });
  return { host, view, shell, controller };
}

const syncing = (files: number): UiSnapshot =>
  aSnapshot({
    trayState: 'syncing',
    totals: { queued: files, active: 0, waiting: 0, failed: 0, done: 0, bytesPerSecond: 0 },
  });

describe('startTrayController', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('shows the engine’s state, summary, menu and recent transfers from the start', async () => {
    const { view } = setup(syncing(12));
    await vi.advanceTimersByTimeAsync(0);
    expect(view.state).toBe('syncing');
    expect(view.toolTip).toBe('Ferry — syncing 12 files');
    expect(view.labels('recent-transfers')).toEqual(['✓ docs/a.txt']);
  });

  it('follows pushes, at most one update per 500 ms, ending on the latest', async () => {
    const { host, view } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.toolTip).toBe('Ferry — up to date');
    for (let files = 1; files <= 20; files++) {
      host.push({ channel: 'snapshot:changed', payload: syncing(files) });
      await vi.advanceTimersByTimeAsync(20);
    }
    // 400 ms of pushes since the first render: none drawn yet, one pending.
    expect(view.redraws.toolTip).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(view.toolTip).toBe('Ferry — syncing 20 files');
    expect(view.redraws.toolTip).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.redraws.toolTip).toBe(2);
  });

  it('redraws only what changed', async () => {
    // No profiles: a token countdown would legitimately change the menu as time passes.
    const quiet = (files: number) => ({ ...syncing(files), profiles: [] });
    const { host, view } = setup(quiet(3));
    await vi.advanceTimersByTimeAsync(0);
    host.push({ channel: 'snapshot:changed', payload: quiet(3) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view.redraws).toEqual({ state: 1, toolTip: 1, menu: 1 });
    host.push({ channel: 'snapshot:changed', payload: quiet(4) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view.redraws).toEqual({ state: 1, toolTip: 2, menu: 2 });
  });

  it('lists transfers as they finish', async () => {
    const { host, view } = setup();
    await vi.advanceTimersByTimeAsync(0);
    host.push({
      channel: 'transfers:changed',
      payload: {
        upserts: [
          aTransfer(2, 'big.iso', {
            state: 'failed',
            finishedAt: NOW + 5,
            error: { code: 'access-denied', message: 'Access Denied' },
          }),
          aTransfer(3, 'next.txt', { state: 'uploading', finishedAt: null }),
        ],
      },
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(view.labels('recent-transfers')).toEqual(['✗ big.iso — access denied', '✓ docs/a.txt']);
  });

  it('keeps a token countdown current without pushes', async () => {
    const { view } = setup(
      aSnapshot({
        trayState: 'credentials-expiring',
        profiles: [aProfile('lab', { expiresAt: NOW + 4 * 60_000 })],
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(view.toolTip).toBe("Ferry — credentials for 'lab' expire in 4 min");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.toolTip).toBe("Ferry — credentials for 'lab' expire in 3 min");
  });

  it('keeps a push that overtook the first answer', async () => {
    let answer = (_snapshot: UiSnapshot) => undefined as void;
    const host = recordingHost({
      'app:get-snapshot': () => new Promise<UiSnapshot>((resolve) => (answer = resolve)),
    });
    const view = new FakeTrayView();
    startTrayController({
      host,
      view,
      strings: trayStrings('en'),
      now: () => Date.now(),
      showWindow: () => undefined,
      quit: () => undefined,
      reportError: () => undefined,
    });
    host.push({ channel: 'snapshot:changed', payload: aSnapshot({ trayState: 'paused' }) });
    answer(aSnapshot({ trayState: 'idle' }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view.state).toBe('paused');
  });

  it.each<[string, string, unknown]>([
    ['pause-all', 'folders:pause', {}],
    ['sync-now', 'folders:sync-now', {}],
    ['open-folder:docs', 'folders:open', { folderId: 'docs' }],
    ['refresh-credentials:lab', 'credentials:refresh', { profileId: 'lab' }],
  ])('runs %s through the engine’s handler', async (id, channel, args) => {
    const { view, host } = setup();
    await vi.advanceTimersByTimeAsync(0);
    view.click(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(host.calls.filter(([c]) => c !== 'app:get-snapshot' && c !== 'transfers:list')).toEqual([
      [channel, args],
    ]);
  });

  it('resumes when everything is paused', async () => {
    const { view, host } = setup(aSnapshot({ pausedAll: true, trayState: 'paused' }));
    await vi.advanceTimersByTimeAsync(0);
    view.click('resume-all');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.calls).toContainEqual(['folders:resume', {}]);
  });

  it('opens the window and quits through the shell', async () => {
    const { view, shell } = setup();
    await vi.advanceTimersByTimeAsync(0);
    view.click('open-window');
    view.click('transfer:1');
    view.click('quit');
    expect(shell).toMatchObject({ shown: 2, quit: 1 });
  });

  it('reports a failed action instead of throwing into the menu', async () => {
    const host = recordingHost({
      'folders:open': () =>
        Promise.reject(new SyncError('unsupported', 'no-retry', 'no file manager')),
    });
    const view = new FakeTrayView();
    const errors: unknown[] = [];
    startTrayController({
      host,
      view,
      strings: trayStrings('en'),
      now: () => Date.now(),
      showWindow: () => undefined,
      quit: () => undefined,
      reportError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(() => view.click('open-folder:docs')).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toMatchObject([{ code: 'unsupported', message: 'no file manager' }]);
  });

  it('stops listening and drawing when disposed', async () => {
    const { host, view, controller } = setup();
    await vi.advanceTimersByTimeAsync(0);
    controller.dispose();
    host.push({ channel: 'snapshot:changed', payload: syncing(5) });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.toolTip).toBe('Ferry — up to date');
    expect(host.listenerCount()).toBe(0);
  });
});
