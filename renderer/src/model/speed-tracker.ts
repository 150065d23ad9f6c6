import type { TransferView } from '../../../app/ipc/views.js';

interface Sample {
  readonly at: number;
  readonly bytes: number;
}

/**
 * Per-transfer upload speed from the bytesDone of successive updates, averaged over a sliding
 * window so one slow or fast batch does not make the ETA jump. A transfer without an update for
 * a whole window is stalled (speed 0, no ETA), not "still going at the last speed".
 */
export class SpeedTracker {
  private readonly samples = new Map<number, Sample[]>();

  constructor(private readonly windowMs = 5_000) {}

  /** Records the updated rows; rows no longer uploading are forgotten. */
  observe(updates: readonly TransferView[], now: number): void {
    for (const transfer of updates) {
      if (transfer.state !== 'uploading') {
        this.samples.delete(transfer.id);
        continue;
      }
      let samples = this.samples.get(transfer.id);
      const last = samples?.at(-1);
      if (!samples || (last && transfer.bytesDone < last.bytes)) {
        // New, or restarted from an earlier byte (a retry): old samples would mislead.
        samples = [];
        this.samples.set(transfer.id, samples);
      }
      samples.push({ at: now, bytes: transfer.bytesDone });
      // Keep one sample older than the window, so the window is always spanned.
      while (samples.length > 2 && now - (samples[1] as Sample).at >= this.windowMs) {
        samples.shift();
      }
    }
  }

  /** Forgets everything (the list was replaced after a reconnect). */
  reset(): void {
    this.samples.clear();
  }

  /** Bytes per second, or null while there is not enough history to tell. */
  speedOf(id: number, now: number): number | null {
    const samples = this.samples.get(id);
    const first = samples?.[0];
    const last = samples?.at(-1);
    if (!first || !last || last === first) return null;
    const elapsed = last.at - first.at;
    if (elapsed < 250) return null;
    // Progress comes in steps (a multipart part at a time): stalled only when nothing arrived
    // for a window or twice the last step, whichever is longer.
    const previous = samples?.at(-2) ?? first;
    if (now - last.at > Math.max(this.windowMs, 2 * (last.at - previous.at))) return 0;
    return ((last.bytes - first.bytes) * 1000) / elapsed;
  }

  /**
   * Milliseconds left at the current speed, counting down between progress steps; null when
   * unknown, stalled, or due any moment (a frozen "0s" helps nobody).
   */
  etaOf(transfer: TransferView, now: number): number | null {
    const speed = this.speedOf(transfer.id, now);
    if (speed === null || speed <= 0) return null;
    const since = now - (this.samples.get(transfer.id)?.at(-1)?.at ?? now);
    const left = (Math.max(0, transfer.size - transfer.bytesDone) * 1000) / speed - since;
    return left >= 1_000 ? left : null;
  }
}
