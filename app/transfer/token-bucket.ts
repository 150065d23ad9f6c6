import type { Clock } from '../ports/clock.js';

const SLICE_BYTES = 64 * 1024;

/**
 * The bandwidth limit shared by all uploads: `take(bytes)` resolves when the bytes may be sent.
 * A rate of 0 means unlimited. Slices are served in order, so neither big parts nor small files
 * can starve the other.
 */
export class TokenBucket {
  private available: number;
  private updatedAt: number;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly bytesPerSecond: number,
    private readonly clock: Clock,
    /** Burst allowance; defaults to one second of traffic. */
    private readonly capacity = bytesPerSecond,
  ) {
    this.available = capacity;
    this.updatedAt = clock.now();
  }

  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0 || bytes <= 0) return;
    // In slices, each queued after the previous one is granted: an 8 MiB part then waits its
    // turn slice by slice, and a small file queued meanwhile is served in between.
    for (let left = bytes; left > 0; left -= SLICE_BYTES) {
      const slice = Math.min(left, SLICE_BYTES);
      const turn = this.tail.then(() => this.consume(slice));
      this.tail = turn;
      await turn;
    }
  }

  private async consume(bytes: number): Promise<void> {
    this.refill();
    this.available -= bytes; // may go negative: a part larger than the burst waits its full time
    if (this.available < 0) {
      await this.clock.sleep(Math.ceil((-this.available / this.bytesPerSecond) * 1000));
      this.refill();
    }
  }

  private refill(): void {
    const now = this.clock.now();
    this.available = Math.min(
      this.capacity,
      this.available + ((now - this.updatedAt) / 1000) * this.bytesPerSecond,
    );
    this.updatedAt = now;
  }
}
