import type { EngineEvent } from '../../../app/engine/engine-events.js';
import type { PathProblem } from '../../../app/sync/path-problem.js';
import {
  failureLines,
  failureOfScanError,
  failureOfTransfer,
  pathKey,
  type FailureRecord,
} from './failure-record.js';
import { printable } from './text-width.js';

/**
 * The permanent lines a terminal run prints above its live block as things happen, like
 * `rclone -P`: a failure with its fix, a skipped path, a conflict, a paused or broken folder.
 * Each path it names is remembered, so the final summary can say "listed above" instead of
 * listing it a second time (issue 13: every failure appeared twice on a terminal).
 */
export class LiveLines {
  /** Folder + path of every failure, skip and conflict printed so far. */
  private readonly listed = new Set<string>();
  /** A failed transfer's (row id, run) printed: the queue reports a finish twice (its state, then
   *  its finish time), and a row keeps its id when the path is queued again later. */
  private readonly failuresPrinted = new Set<string>();

  /** @param problemsOf - the engine's current problems of a folder, for a scan error's hint. */
  constructor(private readonly problemsOf: (folderId: string) => readonly PathProblem[]) {}

  /** Whether a line for this path was printed (a failure, skip or conflict). */
  has(folderId: string, relativePath: string): boolean {
    return this.listed.has(pathKey(folderId, relativePath));
  }

  /** The text `event` leaves above the block (whole lines), or '' for none. */
  textOf(event: EngineEvent): string {
    switch (event.type) {
      case 'transfer': {
        const t = event.transfer;
        if (t.state !== 'failed') return '';
        const once = `${t.id}\u0000${t.queuedAt ?? ''}`;
        if (this.failuresPrinted.has(once)) return '';
        this.failuresPrinted.add(once);
        return this.list(
          t.folderId,
          t.relativePath,
          failureLines(safe(failureOfTransfer(t)), '✗ '),
        );
      }
      case 'scan-error': {
        const failure = failureOfScanError(event, this.problemsOf(event.folderId));
        return this.list(event.folderId, event.relativePath, failureLines(safe(failure), '✗ '));
      }
      case 'path-skipped':
        // Default-rule exclusions go to the log and the summary's count, not one line each.
        if (event.code === 'default-rule') return '';
        return this.list(
          event.folderId,
          event.relativePath,
          `- ${printable(`${event.folderId}/${event.relativePath}: ${event.reason}`)}\n`,
        );
      case 'conflict':
        return this.list(
          event.folderId,
          event.relativePath,
          `! conflict ${printable(`${event.folderId}/${event.relativePath}: ${event.reason}`)}\n`,
        );
      case 'folder-paused':
        return `! ${printable(`${event.folderId}: ${event.reason}`)}\n`;
      case 'watcher-error':
      case 'folder-error':
        return `! ${printable(`${event.folderId}: ${event.message}`)}\n${event.hint ? `  → ${printable(event.hint)}\n` : ''}`;
      default:
        return '';
    }
  }

  private list(folderId: string, relativePath: string, text: string): string {
    this.listed.add(pathKey(folderId, relativePath));
    return text;
  }
}

/** A file name may hold a newline or an escape: each field drawn as `ls` shows it. */
function safe(failure: FailureRecord): FailureRecord {
  return {
    ...failure,
    folderId: printable(failure.folderId),
    relativePath: printable(failure.relativePath),
    message: printable(failure.message),
    hint: failure.hint === null ? null : printable(failure.hint),
  };
}
