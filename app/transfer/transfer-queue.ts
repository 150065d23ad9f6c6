export type TransferKind = 'upload' | 'delete';

export type TransferState =
  | 'queued'
  | 'uploading'
  | 'deleting'
  | 'retrying'
  | 'waiting-for-credentials'
  | 'done'
  | 'failed'
  | 'skipped';

/** What the UI and CLI show about one transfer. Never a secret. */
export interface Transfer {
  readonly id: number;
  readonly folderId: string;
  readonly relativePath: string;
  readonly kind: TransferKind;
  /** `sync`: a watched folder's file; `drop`: a one-off upload (drag-and-drop) into its bucket. */
  readonly origin: 'sync' | 'drop';
  /** For drops: the local file (anywhere on disk) and the full object key it goes to. */
  readonly drop: DropSource | null;
  /** Bytes to send (0 for deletes). */
  size: number;
  bytesDone: number;
  state: TransferState;
  /** For `retrying` / `waiting-for-credentials`: when the next attempt starts (ms). */
  retryAt: number | null;
  error: { readonly code: string; readonly message: string; readonly hint?: string } | null;
  /** Why a transfer ended without sending (vanished, changed), or that it resumed. */
  note: string | null;
  /** Multipart parts found already stored from an interrupted attempt (resume). */
  partsReused: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface DropSource {
  readonly absolutePath: string;
  readonly remoteKey: string;
  /** A file found inside a dropped folder: that folder and the file's "/"-separated path below
   *  it. The file is opened beneath it, never through a link inside the drop (issue 11). */
  readonly beneath?: { readonly root: string; readonly relativePath: string };
}

export interface TransferRequest {
  readonly folderId: string;
  /** For drops: the key below the folder's prefix, shown in the UI. */
  readonly relativePath: string;
  readonly kind: TransferKind;
  readonly size: number;
  readonly drop?: DropSource;
}

export interface TransferQueueOptions {
  /** Files transferred at once. */
  readonly concurrency: number;
  /** Files above this size are "large"… */
  readonly largeFileBytes: number;
  /** …and at most this many of them run at once, so small files always find a free slot. */
  readonly maxLargeConcurrent: number;
  /** Finished transfers kept for the UI. */
  readonly historyLimit: number;
  readonly now: () => number;
}

/** Runs one transfer to its end (the engine's job: retries, journal, outcome). */
export type TransferRunner = (transfer: Transfer) => Promise<void>;

const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'skipped']);

/**
 * Schedules transfers: bounded concurrency, small files before large ones (large files may take
 * at most `maxLargeConcurrent` slots), pause/resume per folder and globally, one transfer per path
 * (a new request for a path that is still queued replaces it; for a path in flight, it runs again
 * afterwards — the file may have changed meanwhile).
 */
export class TransferQueue {
  private nextId = 1;
  private readonly small: Transfer[] = [];
  private readonly large: Transfer[] = [];
  private readonly running = new Map<string, Transfer>();
  /** Queued transfers by path: enqueue must not scan the whole queue (20,000 files at once). */
  private readonly queuedByKey = new Map<string, Transfer>();
  private readonly followUps = new Map<string, TransferRequest>();
  private readonly finished: Transfer[] = [];
  private readonly pausedFolders = new Set<string>();
  private pausedAll = false;
  private activeLarge = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly listeners = new Set<(transfer: Transfer) => void>();

  constructor(
    private readonly runner: TransferRunner,
    private readonly options: TransferQueueOptions,
  ) {}

  enqueue(request: TransferRequest): Transfer {
    const key = requestKey(request);
    if (this.running.has(key)) {
      this.followUps.set(key, request);
      return this.running.get(key) as Transfer;
    }
    const queued = this.findQueued(key);
    if (queued) {
      this.remove(queued);
      this.notify(queued);
    }
    const transfer: Transfer = {
      id: this.nextId++,
      folderId: request.folderId,
      relativePath: request.relativePath,
      kind: request.kind,
      origin: request.drop ? 'drop' : 'sync',
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
    };
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
        if (folderId === undefined || transfer.folderId === folderId) this.remove(transfer);
      }
    }
    this.settleIdle();
  }

  /** Updates a transfer's visible state (called by the runner). */
  update(
    transfer: Transfer,
    change: Partial<Omit<Transfer, 'id' | 'folderId' | 'relativePath' | 'kind'>>,
  ): void {
    Object.assign(transfer, change);
    this.notify(transfer);
  }

  /** Resolves when nothing is queued (outside paused folders) or running. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queued, running and recently finished transfers, oldest first. */
  list(): Transfer[] {
    return [...this.finished, ...this.running.values(), ...this.small, ...this.large];
  }

  get pendingCount(): number {
    return this.small.length + this.large.length + this.running.size;
  }

  onChange(listener: (transfer: Transfer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private dispatch(): void {
    while (this.running.size < this.options.concurrency) {
      const transfer = this.takeNext();
      if (!transfer) break;
      void this.start(transfer);
    }
    this.settleIdle();
  }

  private takeNext(): Transfer | undefined {
    const runnable = (t: Transfer) => !this.isPaused(t.folderId);
    const smallIndex = this.small.findIndex(runnable);
    if (smallIndex >= 0) return this.dequeue(this.small, smallIndex);
    if (this.activeLarge >= this.options.maxLargeConcurrent) return undefined;
    const largeIndex = this.large.findIndex(runnable);
    return largeIndex >= 0 ? this.dequeue(this.large, largeIndex) : undefined;
  }

  private dequeue(lane: Transfer[], index: number): Transfer | undefined {
    const [transfer] = lane.splice(index, 1);
    if (transfer) this.queuedByKey.delete(transferKey(transfer));
    return transfer;
  }

  private async start(transfer: Transfer): Promise<void> {
    const key = transferKey(transfer);
    const large = this.isLarge(transfer);
    this.running.set(key, transfer);
    if (large) this.activeLarge += 1;
    this.update(transfer, {
      state: transfer.kind === 'upload' ? 'uploading' : 'deleting',
      startedAt: this.options.now(),
    });
    try {
      await this.runner(transfer);
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
    if (!FINISHED.has(transfer.state)) this.update(transfer, { state: 'done' });
    this.update(transfer, { finishedAt: this.options.now(), retryAt: null });
    this.running.delete(key);
    if (large) this.activeLarge -= 1;
    this.finished.push(transfer);
    if (this.finished.length > this.options.historyLimit) {
      this.finished.splice(0, this.finished.length - this.options.historyLimit);
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

  private findQueued(key: string): Transfer | undefined {
    return this.queuedByKey.get(key);
  }

  private remove(transfer: Transfer): void {
    this.queuedByKey.delete(transferKey(transfer));
    for (const lane of [this.small, this.large]) {
      const index = lane.indexOf(transfer);
      if (index >= 0) lane.splice(index, 1);
    }
    transfer.state = 'skipped';
    transfer.note = 'replaced by a newer request';
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
function requestKey(request: TransferRequest): string {
  return keyOf(request.folderId, request.relativePath, request.drop);
}

function transferKey(transfer: Transfer): string {
  return keyOf(transfer.folderId, transfer.relativePath, transfer.drop);
}

function keyOf(
  folderId: string,
  relativePath: string,
  drop: DropSource | null | undefined,
): string {
  return drop ? `drop\u0000${folderId}\u0000${drop.remoteKey}` : `${folderId}\u0000${relativePath}`;
}
