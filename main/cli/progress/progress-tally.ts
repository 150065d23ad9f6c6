import { UNCHANGED_NOTE } from '../../../app/engine/transfer-runner.js';
import type { Transfer } from '../../../app/transfer/transfer-queue.js';
import { failureOfTransfer, pathKey, type FailureRecord } from './failure-record.js';

/** What the live block and the Ctrl+C summary count. */
export interface TallyCounts {
  /** Uploads that finished (each path once, however often it was re-queued). */
  readonly filesDone: number;
  /** Uploads seen in any state but skipped: queued, running, done or failed. */
  readonly filesTotal: number;
  /** Failed uploads and paths a scan could not read. */
  readonly filesFailed: number;
  /** Uploads queued or running: what an interrupted run leaves for the next one. */
  readonly filesLeft: number;
  /** Uploads that ended without sending and left the file behind (it was gone, say). */
  readonly filesSkipped: number;
  readonly deletesDone: number;
  readonly deletesTotal: number;
  /** Bytes of the files above that are stored (done) or on their way (in flight). */
  readonly bytesDone: number;
  /** Bytes of every upload not skipped or failed: what a finished run will have sent. */
  readonly bytesTotal: number;
  /** Every byte the engine reported sent, retries included: what the speed is measured on. */
  readonly bytesSent: number;
}

const ACTIVE: ReadonlySet<Transfer['state']> = new Set([
  'uploading',
  'deleting',
  'retrying',
  'waiting-for-credentials',
]);

/**
 * The one tally of a CLI run, fed every transfer event. The queue sends several events per
 * transfer and one more after it finished (`finishedAt`): counting events counted each file twice
 * (issue 13, "↑ 400/200 files"). Here each path keeps only its newest transfer and every count
 * is derived from those, so an event seen twice changes nothing — the same rule as the engine's
 * `--once` summary (app/engine/run-summary.ts, "the newest transfer of each path").
 */
export class ProgressTally {
  private readonly latest = new Map<string, Readonly<Transfer>>();
  /** Per path: the newest transfer's id and the bytes of it already counted as sent. */
  private readonly reported = new Map<string, { id: number; bytes: number }>();
  private sent = 0;
  /** Paths a scan could not read (a bad name, no permission): failures with no transfer. */
  private readonly unreadable = new Map<string, FailureRecord>();
  private readonly conflictPaths = new Set<string>();

  apply(transfer: Readonly<Transfer>): void {
    const key = `${transfer.folderId}\u0000${transfer.drop?.remoteKey ?? transfer.relativePath}`;
    const current = this.latest.get(key);
    // An older transfer of a path that has a newer one (replaced while queued) changes nothing.
    if (current && current.id > transfer.id) return;
    this.latest.set(key, { ...transfer });
    const seen = this.reported.get(key);
    const counted = seen && seen.id === transfer.id ? seen.bytes : 0;
    // Only growth is new traffic; a retry starts again from 0, and what it resends counts again.
    if (transfer.bytesDone > counted) this.sent += transfer.bytesDone - counted;
    this.reported.set(key, { id: transfer.id, bytes: transfer.bytesDone });
  }

  /** A conflict event: counted once per path, however often a rescan reports it. */
  conflicted(folderId: string, relativePath: string): void {
    this.conflictPaths.add(pathKey(folderId, relativePath));
  }

  /** Paths that conflicted (left for the user to decide; never overwritten). */
  conflicts(): number {
    return this.conflictPaths.size;
  }

  /** A scan-error event: counted as failed once, however often a rescan reports it. */
  scanFailed(failure: FailureRecord): void {
    this.unreadable.set(pathKey(failure.folderId, failure.relativePath), failure);
  }

  counts(): TallyCounts {
    let filesDone = 0;
    let filesTotal = 0;
    // Like the --once summary, which counts unreadable paths among the failures.
    let filesFailed = this.unreadable.size;
    let filesSkipped = 0;
    let filesLeft = 0;
    let deletesDone = 0;
    let deletesTotal = 0;
    let bytesDone = 0;
    let bytesTotal = 0;
    for (const t of this.latest.values()) {
      if (t.kind === 'delete') {
        if (t.state === 'skipped') continue;
        deletesTotal += 1;
        if (t.state === 'done') deletesDone += 1;
        continue;
      }
      if (t.state === 'skipped') {
        // "Already uploaded" left nothing behind: like the --once summary, not a skip to report.
        if (t.note !== UNCHANGED_NOTE) filesSkipped += 1;
        continue;
      }
      filesTotal += 1;
      if (t.state === 'failed') {
        filesFailed += 1;
        continue;
      }
      bytesTotal += t.size;
      if (t.state === 'done') {
        filesDone += 1;
        bytesDone += t.size;
      } else {
        filesLeft += 1;
        bytesDone += Math.min(t.bytesDone, t.size);
      }
    }
    return {
      filesDone,
      filesTotal,
      filesFailed,
      filesSkipped,
      filesLeft,
      deletesDone,
      deletesTotal,
      bytesDone,
      bytesTotal,
      bytesSent: this.sent,
    };
  }

  /** Bytes of the uploads that finished: what is stored, unlike the in-flight bytes counted in
   *  `bytesDone`. */
  finishedBytes(): number {
    let bytes = 0;
    for (const t of this.latest.values()) {
      if (t.kind === 'upload' && t.state === 'done') bytes += t.size;
    }
    return bytes;
  }

  /** Transfers running now (or waiting to retry), longest-running first. */
  inFlight(): Readonly<Transfer>[] {
    return [...this.latest.values()]
      .filter((t) => ACTIVE.has(t.state))
      .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0) || a.id - b.id);
  }

  /** What failed, each path once: the paths the scans could not read, then the failed
   *  transfers in the order they were queued. */
  failures(): FailureRecord[] {
    const transfers = [...this.latest.values()]
      .filter((t) => t.state === 'failed')
      .sort((a, b) => a.id - b.id);
    return [...this.unreadable.values(), ...transfers.map(failureOfTransfer)];
  }
}
