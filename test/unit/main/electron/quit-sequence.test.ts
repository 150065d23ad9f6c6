import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createQuitSequence } from '../../../../main/electron/quit-sequence.js';

/** Plays Electron's app.quit(): before-quit, and the app exits unless a listener prevented it. */
function fakeApp(stop: () => Promise<void>, stopTimeoutMs?: number) {
  const log: string[] = [];
  let exited = false;
  const sequence = createQuitSequence({
    stop: async () => {
      log.push('stop started');
      await stop();
      log.push('stop finished');
    },
    quit: () => quit(),
    onStopError: (error) => log.push(`stop failed: ${(error as Error).message}`),
    ...(stopTimeoutMs === undefined ? {} : { stopTimeoutMs }),
  });
  const quit = () => {
    let prevented = false;
    sequence.onBeforeQuit({ preventDefault: () => (prevented = true) });
    if (!prevented) {
      exited = true;
      log.push('exited');
    }
  };
  return { sequence, quit, log, exited: () => exited };
}

describe('createQuitSequence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops the engine before the app exits', async () => {
    let finishStop = () => undefined as void;
    const app = fakeApp(() => new Promise<void>((resolve) => (finishStop = resolve)));
    expect(app.sequence.isQuitting()).toBe(false);
    app.quit();
    expect(app.exited()).toBe(false);
    expect(app.sequence.isQuitting()).toBe(true);
    finishStop();
    await vi.runAllTimersAsync();
    expect(app.log).toEqual(['stop started', 'stop finished', 'exited']);
  });

  it('stops once, however often quit is asked for meanwhile', async () => {
    let finishStop = () => undefined as void;
    const app = fakeApp(() => new Promise<void>((resolve) => (finishStop = resolve)));
    app.quit();
    app.quit();
    app.quit();
    finishStop();
    await vi.runAllTimersAsync();
    expect(app.log).toEqual(['stop started', 'stop finished', 'exited']);
  });

  it('still exits when stopping fails', async () => {
    const app = fakeApp(() => Promise.reject(new Error('journal busy')));
    app.quit();
    await vi.runAllTimersAsync();
    expect(app.log).toEqual(['stop started', 'stop failed: journal busy', 'exited']);
  });

  it('exits after the timeout when stopping hangs', async () => {
    const app = fakeApp(() => new Promise<void>(() => undefined), 5_000);
    app.quit();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(app.exited()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.log).toEqual([
      'stop started',
      'stop failed: The engine did not stop within 5000 ms.',
      'exited',
    ]);
  });
});
