import type { EngineEvent } from '../engine/engine-events.js';
import type { Transfer } from '../transfer/transfer-queue.js';
import type { Notice } from '../ipc/views.js';

/** At most one notice of a kind per this interval; the rest are counted into the next one. */
export const NOTICE_INTERVAL_MS = 30_000;

/**
 * A drop batch is announced this long after its last file ended, so the files of one drop that
 * arrive as separate requests (the browser sends one PUT per file) join one batch and one
 * notice (issue 13: a two-file drop gave three toasts).
 */
export const DROP_SETTLE_MS = 1_500;

type NoticeInput = Omit<Notice, 'id' | 'at'>;

/**
 * Turns engine events into the few notices worth interrupting a user for: uploads that failed,
 * credentials that cannot be refreshed, a drag-and-drop batch that finished. Failures are
 * coalesced ("3 uploads failed") so a denied bucket cannot raise 10,000 notifications.
 */
export class NoticeCenter {
  private nextId = 1;
  private readonly lastShown = new Map<Notice['kind'], number>();
  private readonly pendingFailures: Transfer[] = [];
  private failureTimer: (() => void) | undefined;
  private readonly failingProfiles = new Set<string>();
  private readonly batches = new Map<number, DropBatch>();
  /** The batch of each destination still open (not announced): later requests join it. */
  private readonly openByLabel = new Map<string, DropBatch>();

  constructor(
    private readonly now: () => number,
    private readonly schedule: (delayMs: number, run: () => void) => () => void,
    private readonly emit: (notice: Notice) => void,
  ) {}

  /** Announce a drop batch so its end can be reported once every transfer has finished. */
  trackDropBatch(label: string, transferIds: readonly number[]): void {
    if (transferIds.length === 0) return;
    let batch = this.openByLabel.get(label);
    if (!batch) {
      batch = { label, open: new Set(), done: 0, failed: [], announce: undefined };
      this.openByLabel.set(label, batch);
    }
    batch.announce?.();
    batch.announce = undefined;
    for (const id of transferIds) {
      batch.open.add(id);
      this.batches.set(id, batch);
    }
  }

  onEvent(event: EngineEvent): void {
    if (event.type === 'transfer') this.onTransfer(event.transfer);
    if (event.type === 'credentials') {
      const failing = event.status.state === 'failing';
      if (failing && !this.failingProfiles.has(event.profileId)) {
        this.failingProfiles.add(event.profileId);
        this.show({
          level: 'error',
          kind: 'credentials-failed',
          title: `Cannot refresh the credentials of "${event.profileId}"`,
          body: [event.status.lastError?.message, event.status.lastError?.hint]
            .filter(Boolean)
            .join(' '),
          words: {
            values: { profile: event.profileId },
            ...(event.status.lastError ? { error: event.status.lastError } : {}),
          },
        });
      } else if (event.status.state === 'valid') {
        this.failingProfiles.delete(event.profileId);
      }
    }
  }

  /** A notice from a user action (config saved…): shown at once. */
  announce(notice: NoticeInput): void {
    this.show(notice, true);
  }

  dispose(): void {
    this.failureTimer?.();
  }

  private onTransfer(transfer: Readonly<Transfer>): void {
    const batch = this.batches.get(transfer.id);
    if (
      batch &&
      (transfer.state === 'done' || transfer.state === 'failed' || transfer.state === 'skipped')
    ) {
      this.batches.delete(transfer.id);
      if (batch.open.delete(transfer.id)) {
        if (transfer.state === 'done') batch.done += 1;
        else batch.failed.push(transfer.relativePath);
        if (batch.open.size === 0) this.settleBatch(batch);
      }
      return;
    }
    if (transfer.state === 'failed' && transfer.origin === 'sync') {
      this.pendingFailures.push(transfer);
      this.flushFailuresSoon();
    }
  }

  /** Announces the batch unless more of the same drop arrives meanwhile. */
  private settleBatch(batch: DropBatch): void {
    batch.announce?.();
    batch.announce = this.schedule(DROP_SETTLE_MS, () => {
      batch.announce = undefined;
      if (batch.open.size > 0) return;
      if (this.openByLabel.get(batch.label) === batch) this.openByLabel.delete(batch.label);
      this.finishBatch(batch);
    });
  }

  private finishBatch(batch: DropBatch): void {
    const failed = batch.failed.length;
    const notUploaded = `${batch.failed.slice(0, 3).join(', ')}${failed > 3 ? ', …' : ''}`;
    this.show(
      {
        level: failed > 0 ? 'error' : 'info',
        kind: 'drop-finished',
        title:
          failed > 0
            ? `Dropped files: ${batch.done} uploaded, ${failed} not uploaded`
            : `Uploaded ${batch.done} dropped file${batch.done === 1 ? '' : 's'}`,
        body: failed > 0 ? `To ${batch.label}. Not uploaded: ${notUploaded}` : `To ${batch.label}.`,
        // For the window and the native notification to word it in their language (issue 13).
        words: {
          values:
            failed > 0
              ? { done: batch.done, failed, destination: batch.label, paths: notUploaded }
              : { count: batch.done, destination: batch.label },
        },
      },
      true,
    );
  }

  private flushFailuresSoon(): void {
    if (this.failureTimer) return;
    const since = this.now() - (this.lastShown.get('sync-failed') ?? -Infinity);
    const delay = Math.max(0, NOTICE_INTERVAL_MS - since);
    this.failureTimer = this.schedule(delay, () => {
      this.failureTimer = undefined;
      const failures = this.pendingFailures.splice(0);
      const first = failures[0];
      if (!first) return;
      this.show({
        level: 'error',
        kind: 'sync-failed',
        title:
          failures.length === 1
            ? `Upload failed: ${first.relativePath}`
            : `${failures.length} uploads failed`,
        body: [first.error?.message, first.error?.hint].filter(Boolean).join(' '),
        words: {
          values: failures.length === 1 ? { path: first.relativePath } : { count: failures.length },
          ...(first.error ? { error: first.error } : {}),
        },
      });
    });
  }

  private show(notice: NoticeInput, always = false): void {
    const now = this.now();
    const last = this.lastShown.get(notice.kind) ?? -Infinity;
    if (!always && now - last < NOTICE_INTERVAL_MS && notice.kind !== 'sync-failed') return;
    this.lastShown.set(notice.kind, now);
    this.emit({ ...notice, id: this.nextId++, at: now });
  }
}

interface DropBatch {
  readonly label: string;
  readonly open: Set<number>;
  done: number;
  readonly failed: string[];
  /** Cancels the pending announcement. */
  announce: (() => void) | undefined;
}
