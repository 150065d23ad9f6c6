import type { Clock } from '../../app/ports/clock.js';

interface Sleeper {
  readonly wakeAt: number;
  readonly resolve: () => void;
}

/** A clock that moves only when the test says so. */
export class FakeClock implements Clock {
  private sleepers: Sleeper[] = [];

  constructor(private current = Date.UTC(2026, 10, 22, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.sleepers.push({ wakeAt: this.current + ms, resolve }));
  }

  /** Moves time forward, waking sleepers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.sleepers
        .filter((s) => s.wakeAt <= target)
        .sort((a, b) => a.wakeAt - b.wakeAt)[0];
      if (!next) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.current = next.wakeAt;
      next.resolve();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
