import type { Clock } from '../ports/clock.js';
import type { CredentialBroker } from './credential-broker.js';

/**
 * Waits `ms` of the clock's time, or less once `stopped` settles. The default races
 * `clock.sleep`; main/ passes one that clears its timer on stop and never keeps the process
 * alive on its own (a `--once` run must exit as soon as its work is done).
 */
export type BackgroundWait = (ms: number, stopped: Promise<void>) => Promise<void>;

export interface RefreshSchedulerOptions {
  readonly broker: CredentialBroker;
  readonly clock: Clock;
  readonly wait?: BackgroundWait;
}

/**
 * Node timers run on the monotonic clock, which stands still while a laptop sleeps: a 50-minute
 * timer set before a 2-hour suspend would fire 50 minutes after waking, long after the token
 * expired. Waking at least this often and re-reading the wall clock bounds that lateness.
 */
export const MAX_NAP_MS = 30_000;

/** The least time between two attempts of ours, whatever the timing of the tokens. */
export const MIN_SPACING_MS = 1_000;

/**
 * Keeps one profile's token fresh whether or not anything uploads (issue 12, item 1): sleeps
 * until the broker's next attempt (its refresh time, or the backoff after a failure — the
 * broker owns both, jitter included), refreshes through the broker (single-flight with `get()`),
 * and repeats until stopped. The broker's `nextRefreshAt` is therefore what really happens.
 */
export class RefreshScheduler {
  private readonly wait: BackgroundWait;
  private stopSignal: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.wait = options.wait ?? ((ms, stopped) => Promise.race([options.clock.sleep(ms), stopped]));
  }

  /** Starts the loop (the first refresh at once when no token is held). Idempotent. */
  start(): void {
    if (this.running) return;
    const stopped = new Promise<void>((resolve) => (this.stopSignal = resolve));
    let isStopped = false;
    void stopped.then(() => (isStopped = true));
    this.running = this.loop(stopped, () => isStopped);
  }

  /** Ends the loop and its timer at once; a source call already in flight finishes on its own
   *  (the broker records it as usual). */
  async stop(): Promise<void> {
    this.stopSignal?.();
    await this.running;
    this.running = undefined;
    this.stopSignal = undefined;
  }

  private async loop(stopped: Promise<void>, isStopped: () => boolean): Promise<void> {
    const { broker, clock } = this.options;
    let lastAttemptAt = Number.NEGATIVE_INFINITY;
    while (!isStopped()) {
      // A source whose tokens are due again on arrival must not become a busy loop of STS calls.
      const due = Math.max(broker.nextAttemptAt(), lastAttemptAt + MIN_SPACING_MS);
      const delay = due - clock.now();
      if (delay > 0) {
        await this.wait(Math.min(delay, MAX_NAP_MS), stopped);
        continue; // re-read: a forced or user refresh may have moved the time meanwhile
      }
      lastAttemptAt = clock.now();
      await Promise.race([broker.refreshIfDue(), stopped]);
    }
  }
}

/** One scheduler per broker, started and stopped together (the engine's lifetime). */
export class RefreshSchedulers {
  private readonly schedulers: RefreshScheduler[];

  constructor(brokers: Iterable<CredentialBroker>, clock: Clock, wait?: BackgroundWait) {
    this.schedulers = [...brokers].map(
      (broker) => new RefreshScheduler({ broker, clock, ...(wait ? { wait } : {}) }),
    );
  }

  start(): void {
    for (const scheduler of this.schedulers) scheduler.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.schedulers.map((scheduler) => scheduler.stop()));
  }
}
