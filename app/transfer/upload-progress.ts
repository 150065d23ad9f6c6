import type { Clock } from '../ports/clock.js';

/** At most this many progress reports a second per upload: a moving bar costs next to no CPU. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * The bytes of one upload attempt, for its transfer's `bytesDone` (issue 13: progress that moves
 * inside parts and single PUTs). Requests (a PUT, or one part) report the bytes of their body
 * sent so far through the ObjectStore port's `onProgress`; a request sent again (a new socket, a
 * refreshed token) reports from 0 again, so each request's latest figure replaces its previous
 * one and nothing is counted twice. A request the store answered is confirmed: its bytes count
 * for good, and what a failed request had sent is dropped — so the figure never falls below the
 * confirmed bytes.
 *
 * Reports are throttled to one per PROGRESS_INTERVAL_MS, the first only after that long: a
 * small file done sooner costs no report at all (its final size is set when it finishes).
 */
export class UploadProgress {
  private confirmedBytes = 0;
  private inFlightBytes = 0;
  private readonly inFlight = new Map<number, number>();
  /** Requests answered or failed: a socket's write callback may still report after the answer
   *  came (Node runs them a tick later), and must not count those bytes a second time. */
  private readonly ended = new Set<number>();
  private lastReport: number;

  constructor(
    private readonly report: (bytesDone: number) => void,
    private readonly clock: Clock,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.lastReport = clock.now();
  }

  /** Confirmed plus in flight. */
  get bytesDone(): number {
    return this.confirmedBytes + this.inFlightBytes;
  }

  /** The port's `onProgress` for request `id` (a part number; 1 for a single PUT) of `size`
   *  bytes: its argument is the bytes of this sending so far. */
  sending(id: number, size: number): (sentSoFar: number) => void {
    return (sentSoFar) => {
      if (this.ended.has(id)) return;
      this.setInFlight(id, Math.max(0, Math.min(sentSoFar, size)));
      this.maybeReport();
    };
  }

  /** The store holds request `id`'s `bytes` (its answer came, or an earlier attempt's part). */
  confirm(id: number, bytes: number): void {
    this.end(id);
    this.confirmedBytes += bytes;
    this.maybeReport();
  }

  /** Request `id` failed: the bytes it had sent are not in the store. */
  drop(id: number): void {
    this.end(id);
  }

  private end(id: number): void {
    this.setInFlight(id, 0);
    this.inFlight.delete(id);
    this.ended.add(id);
  }

  private setInFlight(id: number, bytes: number): void {
    this.inFlightBytes += bytes - (this.inFlight.get(id) ?? 0);
    this.inFlight.set(id, bytes);
  }

  private maybeReport(): void {
    const now = this.clock.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    this.report(this.bytesDone);
  }
}
