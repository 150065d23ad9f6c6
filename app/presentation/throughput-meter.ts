interface Sample {
  /** When the bytes started going out (the previous report of the same transfer, or its start). */
  readonly from: number;
  /** When they were confirmed. */
  readonly at: number;
  readonly bytes: number;
}

/**
 * Upload speed over a sliding window (issue 13), fed with byte counts as they are confirmed. A
 * window (not an average since start) so the number reacts when a transfer stalls or recovers.
 *
 * Progress arrives in steps (a part or a whole small file at a time), so each step is spread
 * over the time it took (`from` → `at`) and the rate is the bytes inside the window over the time
 * those reports cover: 8 MiB parts every 2 s read as 4 MiB/s, not as bursts of 8 MiB in a 5 s
 * window, and a bandwidth limit reads as itself. Nothing confirmed for a whole window reads 0.
 */
export class ThroughputMeter {
  private readonly samples: Sample[] = [];

  constructor(private readonly windowMs = 5_000) {}

  add(bytes: number, at: number, from = at): void {
    if (bytes <= 0) return;
    this.samples.push({ from: Math.min(from, at), at, bytes });
    this.trim(at);
  }

  bytesPerSecond(now: number): number {
    this.trim(now);
    const start = now - this.windowMs;
    let bytes = 0;
    let coverStart = Number.POSITIVE_INFINITY;
    let coverEnd = start;
    for (const sample of this.samples) {
      const from = Math.max(sample.from, start);
      const span = sample.at - sample.from;
      // The share of the step's bytes sent inside the window (all of a step that took no time).
      bytes += span > 0 ? (sample.bytes * (sample.at - from)) / span : sample.bytes;
      coverStart = Math.min(coverStart, from);
      coverEnd = Math.max(coverEnd, sample.at);
    }
    if (bytes <= 0) return 0;
    // At least a second: one instant report must not read as an enormous speed.
    const covered = Math.max(1_000, coverEnd - coverStart);
    return Math.round((bytes * 1000) / covered);
  }

  /** Forgets everything (nothing is being transferred: the speed is 0, not the last one). */
  reset(): void {
    this.samples.length = 0;
  }

  private trim(now: number): void {
    while (this.samples.length > 0 && (this.samples[0]?.at ?? now) <= now - this.windowMs) {
      this.samples.shift();
    }
  }
}
