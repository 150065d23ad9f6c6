import { toTransferView } from '../../app/ipc/transfer-view.js';
import type { TransferView } from '../../app/ipc/views.js';
import type { Transfer } from '../../app/transfer/transfer-queue.js';

/**
 * Collects transfer updates and hands them out in batches, the newest state of each transfer
 * once per batch: a first upload of 20,000 files changes state 60,000 times, and neither IPC nor
 * a browser should see each change. Rows leave as views (toTransferView), copied when the batch
 * goes: the queue's records change in place until then.
 */
export class TransferFeed {
  private pending = new Map<number, Readonly<Transfer>>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: (upserts: TransferView[]) => void,
    private readonly intervalMs = 250,
  ) {}

  add(transfer: Readonly<Transfer>): void {
    this.pending.set(transfer.id, transfer);
    this.timer ??= setTimeout(() => this.emit(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private emit(): void {
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const upserts = [...this.pending.values()].map(toTransferView);
    this.pending = new Map();
    this.flush(upserts);
  }
}
