import type { BackgroundWait } from '../../../app/credentials/refresh-scheduler.js';

/**
 * The refresh scheduler's wait on Node: an unref'd timer (on its own it never keeps the process
 * running: `ferry sync --once` exits when its work is done; `serve` and watching stay up by their
 * own servers and watchers), cleared the moment the scheduler stops.
 */
export const nodeBackgroundWait: BackgroundWait = (ms, stopped) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    timer.unref();
    void stopped.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
