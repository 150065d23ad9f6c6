/**
 * Upload speed over a sliding window, fed with byte counts as they are confirmed. A window (not
 * an average since start) so the number reacts when a transfer stalls or the network recovers.
 */
export class ThroughputMeter {
  private readonly samples: { at: number; bytes: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 5_000) {}

  add(bytes: number, at: number): void {
    if (bytes <= 0) return;
    this.samples.push({ at, bytes });
    this.total += bytes;
    this.trim(at);
  }

  bytesPerSecond(now: number): number {
    this.trim(now);
    return Math.round((this.total * 1000) / this.windowMs);
  }

  private trim(now: number): void {
    while (this.samples.length > 0 && (this.samples[0]?.at ?? now) <= now - this.windowMs) {
      this.total -= this.samples.shift()?.bytes ?? 0;
    }
  }
}
