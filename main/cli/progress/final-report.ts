import type { RunSummary } from '../../../app/engine/sync-engine.js';
import { failureOfProblem, failureOfTransfer, type FailureRecord } from './failure-record.js';
import type { ProgressTally } from './progress-tally.js';

/**
 * What a run did, in one shape for both endings (`--once` draining its queue, Ctrl+C) and both
 * outputs (the text summary, `--json`'s final `{"type":"summary"}` object).
 */
export interface FinalReport {
  readonly uploaded: number;
  readonly deleted: number;
  /** Every file left behind with why and the fix: failed uploads and unreadable paths. */
  readonly failed: readonly FailureRecord[];
  readonly skipped: number;
  readonly conflicts: number;
  /** Uploads and deletes queued or running when the run stopped: the next run does them. */
  readonly notDone: number;
  /** Bytes of the finished uploads. */
  readonly bytes: number;
  /** Every byte sent: retries and parts of unfinished uploads included. */
  readonly bytesSent: number;
  readonly elapsedMs: number;
  /** Stopped by Ctrl+C or SIGTERM rather than by finishing. */
  readonly interrupted: boolean;
}

/** A `--once` run that finished: the engine's summary (app/engine/run-summary.ts). */
export function reportOfRun(
  summary: RunSummary,
  elapsedMs: number,
  bytesSent: number,
): FinalReport {
  return {
    uploaded: summary.uploaded,
    deleted: summary.deleted,
    failed: [...summary.unreadable.map(failureOfProblem), ...summary.failed.map(failureOfTransfer)],
    skipped: summary.skipped.length,
    conflicts: summary.conflicts.length,
    notDone: 0,
    bytes: summary.bytes,
    // The tally saw every progress event; it cannot have seen less than what was stored.
    bytesSent: Math.max(bytesSent, summary.bytes),
    elapsedMs,
    interrupted: false,
  };
}

/** A run stopped by a signal: what the CLI's tally saw (the engine's summary never came). */
export function reportOfTally(tally: ProgressTally, elapsedMs: number): FinalReport {
  const counts = tally.counts();
  return {
    uploaded: counts.filesDone,
    deleted: counts.deletesDone,
    failed: tally.failures(),
    skipped: counts.filesSkipped,
    conflicts: tally.conflicts(),
    notDone: counts.filesLeft + counts.deletesTotal - counts.deletesDone,
    bytes: tally.finishedBytes(),
    bytesSent: counts.bytesSent,
    elapsedMs,
    interrupted: true,
  };
}

/** `--json`: the last line on stdout, so a script reads one object instead of adding up events. */
export function summaryJsonLine(report: FinalReport): string {
  return `${JSON.stringify({ time: new Date().toISOString(), type: 'summary', ...report })}\n`;
}
