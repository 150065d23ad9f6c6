import type { Clock } from '../../app/ports/clock.js';

/**
 * A clock whose sleeps return at once and move time forward by the amount slept: backoffs and
 * delays run instantly but in the right order. For engine tests that need time to pass without
 * steering it step by step (FakeClock does that).
 */
export class InstantClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 22, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (ms > 0) this.current += ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
