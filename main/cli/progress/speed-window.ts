/**
 * Speed over the last few seconds, not since the start (issue 13: the average since start showed
 * 17.7 MiB/s under an 8 MiB/s limit and decayed for minutes after the end). Fed the cumulative
 * bytes sent at each tick; the speed is the bytes sent inside the window divided by the window's
 * span, so it follows the bandwidth limit within one window and reaches 0 one window after the
 * last byte. rclone's `-P` does the same with an exponentially weighted average (accounting's
 * `speedAvg`); a plain window is easier to reason about and to test.
 */
export class SpeedWindow {
  private readonly samples: { time: number; bytes: number }[] = [];

  /** @param windowMs - how far back the speed looks (5–10 s reads steadily without lagging). */
  constructor(private readonly windowMs = 5_000) {}

  /** Records that `totalBytes` had been sent by `time` (ms); both never decrease. */
  record(time: number, totalBytes: number): void {
    this.samples.push({ time, bytes: totalBytes });
    // Keep one sample at or before the window's start, so the span is the whole window.
    while (this.samples.length > 2 && (this.samples[1]?.time ?? time) <= time - this.windowMs) {
      this.samples.shift();
    }
  }

  /**
   * Bytes per second between the oldest kept sample (at or just before the window's start) and
   * the newest; 0 with under two samples.
   */
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.time <= first.time) return 0;
    return ((last.bytes - first.bytes) / (last.time - first.time)) * 1000;
  }
}

/** Milliseconds left at `bytesPerSecond`; null when there is no rate to trust or nothing left. */
export function etaMs(remainingBytes: number, bytesPerSecond: number): number | null {
  if (remainingBytes <= 0 || bytesPerSecond <= 0) return null;
  return (remainingBytes / bytesPerSecond) * 1000;
}
