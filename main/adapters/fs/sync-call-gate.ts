/*
 * Whether the per-file metadata calls of an upload (the open beneath the root, its fstat, the
 * re-stat and the close) may run synchronously on the event loop.
 *
 * Through the thread pool each such call costs a wake-up of a pool thread and a callback back
 * (futex wake, a context switch, a FSReqCallback and a promise): on the benchmark machine
 * 11-13 µs of CPU per call against 1-3 µs for the bare syscall, and a 16 KiB upload made ~19 of
 * them (profile of `ferry sync --once`, 2,000 × 16 KiB: a sixth of the main thread). On a local
 * disk these calls take microseconds, so they run synchronously, as the folder walk's lstats do
 * (folder-walk.ts, WalkPacing). A disk that answers slowly (a network share, a spun-down disk)
 * must not freeze the process: calls slower than `slowMs` several times in a row switch the
 * calls back to the thread pool for `asyncForMs`, after which the synchronous calls are tried
 * again. Nor may many fast ones in a row (a queue of files that need no upload resolves on
 * microtasks alone): once synchronous calls have held the event loop for `sliceMs` without it
 * turning, the next calls go through the thread pool until it has turned. Only small reads are
 * synchronous (node-open-file.ts); parts are always read through the thread pool.
 */

export interface SyncCallGateOptions {
  /** A synchronous call slower than this (ms) counts as slow (default 5). */
  readonly slowMs?: number;
  /** Slow calls in a row that switch to the thread pool (default 3: one alone is more often a
   *  descheduled process than a slow disk). */
  readonly slowInARow?: number;
  /** How long the calls stay on the thread pool before synchronous ones are tried again (ms,
   *  default 60 s). */
  readonly asyncForMs?: number;
  /** The longest synchronous calls hold the event loop before it must turn (ms, default 8,
   *  as the walk's slices). */
  readonly sliceMs?: number;
  /** Monotonic milliseconds; tests substitute a fake. */
  readonly now?: () => number;
  /** Runs a callback once the event loop has turned (setImmediate); tests substitute a fake. */
  readonly afterTurn?: (callback: () => void) => void;
}

export class SyncCallGate {
  private slowSoFar = 0;
  private asyncUntil = -Infinity;
  private readonly slowMs: number;
  private readonly slowLimit: number;
  private readonly asyncForMs: number;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly afterTurn: (callback: () => void) => void;
  /** When the first synchronous call since the event loop last turned was allowed. */
  private sliceStartedAt: number | undefined;

  constructor(options: SyncCallGateOptions = {}) {
    this.slowMs = options.slowMs ?? 5;
    this.slowLimit = options.slowInARow ?? 3;
    this.asyncForMs = options.asyncForMs ?? 60_000;
    this.sliceMs = options.sliceMs ?? 8;
    this.now = options.now ?? (() => performance.now());
    this.afterTurn = options.afterTurn ?? ((callback) => void setImmediate(callback));
  }

  /** Whether the next calls should be synchronous. */
  get synchronous(): boolean {
    const now = this.now();
    if (now < this.asyncUntil) return false;
    if (this.sliceStartedAt === undefined) {
      this.sliceStartedAt = now;
      this.afterTurn(() => (this.sliceStartedAt = undefined));
      return true;
    }
    return now - this.sliceStartedAt < this.sliceMs;
  }

  /** Runs `calls` (synchronous file-system calls) and times them; throws what they throw. */
  run<T>(calls: () => T): T {
    const started = this.now();
    try {
      return calls();
    } finally {
      const ended = this.now();
      this.slowSoFar = ended - started >= this.slowMs ? this.slowSoFar + 1 : 0;
      if (this.slowSoFar >= this.slowLimit) {
        this.slowSoFar = 0;
        this.asyncUntil = ended + this.asyncForMs;
      }
    }
  }
}

/** A gate that never allows synchronous calls (NodeFileSystemOptions.synchronousCalls: false). */
export const THREAD_POOL_ONLY: Pick<SyncCallGate, 'synchronous' | 'run'> = {
  synchronous: false,
  run: (calls) => calls(),
};
