import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { Transfer, TransferQueue } from '../transfer/transfer-queue.js';
import { waitUntilSettled } from './still-changing.js';

export interface RequeuerDependencies {
  readonly fs: FileSystem;
  readonly clock: Clock;
  /** Where a path goes round again (the queue: built before the runner that asks for it). */
  readonly queue: Pick<TransferQueue, 'enqueue'>;
  /** The folder's root, or undefined when it is not configured (any more). */
  readonly rootOf: (folderId: string) => string | undefined;
  readonly stopped: () => boolean;
}

export interface RequeuerOptions {
  /** How often one path may be re-queued because it changed during upload. */
  readonly maxRequeues: number;
  /** The uploader's stability window: a parked file must not be modified for this long. */
  readonly settleMs: number;
}

/** `limit`: the path changed `maxRequeues` times already; the caller decides (see runner). */
export type RequeueResult = 'requeued' | 'stopped' | 'limit';

/**
 * Paths that changed during their upload (or were still being written) go round again, a bounded
 * number of times; after that, watching, they are parked — pending, visible, polled with stats
 * only — until they hold still, then queued once more. Before this, a path over the limit was
 * dropped with "the next scan picks it up", which `--once` never has (issue 11).
 */
export class Requeuer {
  private readonly counts = new Map<string, number>();
  private readonly parked = new Map<string, PathProblem>();
  private inFlight = 0;
  private settledWaiters: (() => void)[] = [];

  constructor(
    private readonly dependencies: RequeuerDependencies,
    private readonly options: RequeuerOptions,
  ) {}

  /** Queues the path again after `delayMs`, unless it has gone round `maxRequeues` times. */
  requeue(transfer: Transfer, delayMs: number): RequeueResult {
    if (this.dependencies.stopped()) return 'stopped';
    const key = keyOf(transfer);
    const count = (this.counts.get(key) ?? 0) + 1;
    if (count > this.options.maxRequeues) return 'limit';
    this.counts.set(key, count);
    this.inFlight += 1;
    void this.dependencies.clock.sleep(delayMs).then(async () => {
      try {
        const stat = await this.statOf(transfer);
        if (!this.dependencies.stopped() && stat?.kind === 'file') {
          this.enqueue(transfer, stat.size);
        }
      } catch {
        // A stat that fails (EACCES, a link on the way) is the uploader's to report with its
        // reason: queue it rather than let the rejection go unhandled and the path vanish.
        if (!this.dependencies.stopped()) this.enqueue(transfer, transfer.size);
      } finally {
        this.inFlight -= 1;
        if (this.inFlight === 0) {
          const waiters = this.settledWaiters;
          this.settledWaiters = [];
          for (const resolve of waiters) resolve();
        }
      }
    });
    return 'requeued';
  }

  /**
   * Watching: keeps the path pending ("still changing") and polls it with stats until it holds
   * still, then queues it again. Costs one stat per second per parked file, never a read.
   */
  park(transfer: Transfer): void {
    const key = keyOf(transfer);
    if (this.parked.has(key)) return;
    this.parked.set(key, {
      folderId: transfer.folderId,
      relativePath: transfer.relativePath,
      outcome: 'pending',
      code: 'file-changed',
      reason: `still changing: uploaded once it has not been modified for ${Math.round(this.options.settleMs / 1000)} s`,
    });
    void this.watchUntilSettled(transfer, key);
  }

  /** The path was uploaded: it may go round `maxRequeues` times again, and is not pending. */
  uploaded(transfer: Transfer): void {
    const key = keyOf(transfer);
    this.counts.delete(key);
    this.parked.delete(key);
  }

  /** Paths parked as still changing (the UI and status show them as pending). */
  pending(folderId: string): PathProblem[] {
    return [...this.parked.values()].filter((problem) => problem.folderId === folderId);
  }

  /** A re-queue is waiting for its delay. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves when no re-queue is waiting for its delay. */
  whenSettled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private async watchUntilSettled(transfer: Transfer, key: string): Promise<void> {
    const { fs, clock, stopped } = this.dependencies;
    const wait = {
      holdMs: this.options.settleMs,
      pollMs: this.options.settleMs,
      maxWaitMs: 60_000,
    };
    try {
      while (!stopped() && this.parked.has(key)) {
        const result = await waitUntilSettled(fs, this.pathOf(transfer), clock, wait);
        if (result === 'vanished') return;
        if (result === 'settled' && !stopped() && this.parked.has(key)) {
          const stat = await this.statOf(transfer);
          if (stat?.kind === 'file') this.enqueue(transfer, stat.size);
          return;
        }
      }
    } catch {
      // As in requeue(): the uploader reports why the path cannot be read.
      if (!stopped()) this.enqueue(transfer, transfer.size);
    } finally {
      this.parked.delete(key);
    }
  }

  private enqueue(transfer: Transfer, size: number): void {
    this.dependencies.queue.enqueue({
      folderId: transfer.folderId,
      relativePath: transfer.relativePath,
      kind: 'upload',
      size,
    });
  }

  /** Beneath the folder root, never through a symlinked directory (issue 11). */
  private statOf(transfer: Transfer) {
    return this.dependencies.fs.statBeneath(
      this.dependencies.rootOf(transfer.folderId) ?? '',
      transfer.relativePath,
    );
  }

  private pathOf(transfer: Transfer): string {
    const { fs, rootOf } = this.dependencies;
    return fs.join(rootOf(transfer.folderId) ?? '', transfer.relativePath);
  }
}

function keyOf(transfer: Transfer): string {
  return `${transfer.folderId}\u0000${transfer.relativePath}`;
}
