import { QueueLane } from './queue-lane.js';
import { TransferRows, type TransferRowStore } from './transfer-rows.js';
import type { Transfer, TransferRequest, TransferState } from './transfer.js';

// The row types live in transfer.ts (this file schedules); re-exported for existing imports.
export type { Transfer, TransferKind, TransferRequest, TransferState } from './transfer.js';

export interface DropSource {
  readonly absolutePath: string;
  readonly remoteKey: string;
  /** A file found inside a dropped folder: that folder and the file's "/"-separated path below
   *  it. The file is opened beneath it, never through a link inside the drop (issue 11). */
  readonly beneath?: { readonly root: string; readonly relativePath: string };
}

export interface TransferQueueOptions {
  /** Files transferred at once. */
  readonly concurrency: number;
  /** Files above this size are "large"… */
  readonly largeFileBytes: number;
  /** …and at most this many of them run at once, so small files always find a free slot. */
  readonly maxLargeConcurrent: number;
  /** Finished rows kept for the UI (failed ones are kept beyond it until resolved). */
  readonly historyLimit: number;
  readonly now: () => number;
  /** Where rows and their ids outlive the engine (the journal); absent: memory only. */
  readonly rowStore?: TransferRowStore;
  /** A finish the list does not show (see TransferRowsOptions.isRoutine). */
  readonly isRoutine?: (transfer: Readonly<Transfer>) => boolean;
}

/** Runs one transfer to its end (the engine's job: retries, journal, outcome). */
export type TransferRun = (transfer: Transfer) => Promise<void>;

const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'skipped']);

/**
 * Schedules transfers: bounded concurrency, small files before large ones (large files may take
 * at most `maxLargeConcurrent` slots), pause/resume per folder and globally, one transfer per path
 * (a new request for a path that is still queued replaces it; for a path in flight, it runs again
 * afterwards — the file may have changed meanwhile). Nothing starts before `runWith` names what
 * runs a transfer: the runner updates rows through this queue, so it is built after it.
 */
export class TransferQueue {
  private readonly rows: TransferRows;
  private readonly small = new QueueLane<Transfer>();
  private readonly large = new QueueLane<Transfer>();
  private readonly running = new Map<string, Transfer>();
  /** Queued transfers by path: enqueue must not scan the whole queue (20,000 files at once). */
  private readonly queuedByKey = new Map<string, Transfer>();
  private readonly followUps = new Map<string, TransferRequest>();
  private readonly pausedFolders = new Set<string>();
  private pausedAll = false;
  private activeLarge = 0;
  private idleWaiters: (() => void)[] = [];
  /** close(): told when the last running transfer ended. */
  private drainWaiters: (() => void)[] = [];
  private readonly listeners = new Set<(transfer: Transfer) => void>();
  private run: TransferRun | null = null;

  constructor(private readonly options: TransferQueueOptions) {
    this.rows = new TransferRows({
      limit: options.historyLimit,
      isRoutine: options.isRoutine ?? (() => false),
      ...(options.rowStore ? { store: options.rowStore } : {}),
    });
  }

  /** Starts transferring (what was queued meanwhile too), each transfer by `run`; once. */
  runWith(run: TransferRun): this {
    if (this.run) throw new Error('TransferQueue.runWith: the queue has its runner already');
    this.run = run;
    this.dispatch();
    return this;
  }

  enqueue(request: TransferRequest): Transfer {
    const key = keyOf(request);
    if (this.running.has(key)) {
      this.followUps.set(key, request);
      return this.running.get(key) as Transfer;
    }
    // A newer request for a queued path takes its place (and its row: same id, nothing to notify).
    const queued = this.queuedByKey.get(key);
    if (queued) this.remove(queued);
    const origin = request.drop ? 'drop' : 'sync';
    const transfer: Transfer = {
      id: this.rows.idFor(
        request.folderId,
        origin,
        request.drop ? request.drop.remoteKey : request.relativePath,
      ),
      folderId: request.folderId,
      relativePath: request.relativePath,
      kind: request.kind,
      origin,
      drop: request.drop ?? null,
      size: request.size,
      bytesDone: 0,
      state: 'queued',
      retryAt: null,
      error: null,
      note: null,
      partsReused: 0,
      startedAt: null,
      finishedAt: null,
      queuedAt: this.options.now(),
      attempts: 0,
    };
    this.rows.start(transfer);
    (this.isLarge(transfer) ? this.large : this.small).push(transfer);
    this.queuedByKey.set(key, transfer);
    this.notify(transfer);
    this.dispatch();
    return transfer;
  }

  /** Stops starting new transfers (for one folder, or all); running ones finish. */
  pause(folderId?: string): void {
    if (folderId === undefined) this.pausedAll = true;
    else this.pausedFolders.add(folderId);
  }

  resume(folderId?: string): void {
    if (folderId === undefined) this.pausedAll = false;
    else this.pausedFolders.delete(folderId);
    this.dispatch();
  }

  isPaused(folderId?: string): boolean {
    return this.pausedAll || (folderId !== undefined && this.pausedFolders.has(folderId));
  }

  /** Drops queued (not running) transfers of a folder, or of all folders. */
  clear(folderId?: string): void {
    for (const lane of [this.small, this.large]) {
      for (const transfer of [...lane]) {
        if (folderId === undefined || transfer.folderId === folderId) {
          this.remove(transfer);
          this.notify(this.rows.cancel(transfer));
        }
      }
    }
    this.settleIdle();
  }

  /** Updates a transfer's visible state (called by the runner). */
  update(
    transfer: Transfer,
    change: Partial<Omit<Transfer, 'id' | 'folderId' | 'relativePath' | 'kind'>>,
  ): void {
    // Each (re)start of the work is an attempt: queued → uploading, retrying → uploading, …
    const active = change.state === 'uploading' || change.state === 'deleting';
    if (active && transfer.state !== change.state) transfer.attempts = (transfer.attempts ?? 0) + 1;
    Object.assign(transfer, change);
    this.notify(transfer);
  }

  /** The engine stops: nothing new starts; runs in flight get until `settled` (bounded) to end
   *  and save their rows; then the store is let go (TransferRows.detach), so a run that ends
   *  later neither writes to the closed journal nor throws out of this queue. */
  async close(settled: () => Promise<void>): Promise<void> {
    this.pausedAll = true;
    if (this.running.size > 0) {
      const drained = new Promise<void>((resolve) => this.drainWaiters.push(resolve));
      await Promise.race([drained, settled()]);
    }
    this.rows.detach();
  }

  /** Resolves when nothing is queued (outside paused folders) or running. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** One row per path: queued, running and recently finished (in no particular order). */
  list(): Transfer[] {
    return this.rows.list().filter((row) => !row.quiet);
  }

  get pendingCount(): number {
    return this.small.length + this.large.length + this.running.size;
  }

  onChange(listener: (transfer: Transfer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private dispatch(): void {
    while (this.run && this.running.size < this.options.concurrency) {
      const transfer = this.takeNext();
      if (!transfer) break;
      void this.start(transfer, this.run);
    }
    this.settleIdle();
  }

  private takeNext(): Transfer | undefined {
    const runnable = (t: Transfer) => !this.isPaused(t.folderId);
    const small = this.small.takeFirst(runnable);
    if (small) return this.dequeued(small);
    if (this.activeLarge >= this.options.maxLargeConcurrent) return undefined;
    const large = this.large.takeFirst(runnable);
    return large ? this.dequeued(large) : undefined;
  }

  private dequeued(transfer: Transfer): Transfer {
    this.queuedByKey.delete(keyOf(transfer));
    return transfer;
  }

  private async start(transfer: Transfer, run: TransferRun): Promise<void> {
    const key = keyOf(transfer);
    const large = this.isLarge(transfer);
    this.running.set(key, transfer);
    if (large) this.activeLarge += 1;
    this.update(transfer, {
      state: transfer.kind === 'upload' ? 'uploading' : 'deleting',
      startedAt: this.options.now(),
    });
    try {
      await run(transfer);
    } catch (error) {
      // The runner records outcomes itself; reaching here is a bug, not a file problem.
      this.update(transfer, {
        state: 'failed',
        error: {
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
    if (!FINISHED.has(transfer.state)) transfer.state = 'done';
    transfer.finishedAt = this.options.now();
    transfer.retryAt = null;
    // The row to show: this run, or (a routine end) what the row showed before it.
    this.notify(this.rows.finish(transfer));
    this.running.delete(key);
    if (large) this.activeLarge -= 1;
    if (this.running.size === 0) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
    const followUp = this.followUps.get(key);
    if (followUp) {
      this.followUps.delete(key);
      this.enqueue(followUp);
    }
    this.dispatch();
  }

  private isLarge(transfer: Transfer): boolean {
    return transfer.size > this.options.largeFileBytes;
  }

  private remove(transfer: Transfer): void {
    this.queuedByKey.delete(keyOf(transfer));
    for (const lane of [this.small, this.large]) lane.remove(transfer);
  }

  private isIdle(): boolean {
    if (this.running.size > 0) return false;
    if (this.queuedByKey.size === 0) return true;
    // Only paused folders' transfers may keep the queue non-empty yet idle (rare: scan then).
    if (!this.pausedAll && this.pausedFolders.size === 0) return false;
    return ![...this.small, ...this.large].some((t) => !this.isPaused(t.folderId));
  }

  private settleIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private notify(transfer: Transfer): void {
    for (const listener of this.listeners) listener(transfer);
  }
}

/** One transfer per path: a folder's file, or a drop's object key (drops never merge with sync). */
function keyOf({ folderId, relativePath, drop }: TransferRequest | Transfer): string {
  return drop ? `drop\u0000${folderId}\u0000${drop.remoteKey}` : `${folderId}\u0000${relativePath}`;
}
