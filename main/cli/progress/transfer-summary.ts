import { formatDuration } from '../format-duration.js';
import { formatBytes, formatSpeed } from './format-bytes.js';
import { failureLines } from './failure-record.js';
import type { FinalReport } from './final-report.js';

/**
 * "Transferred 200 files (117.6 MiB) in 6.6s, 17.7 MiB/s on average." — the bytes and time the
 * `--once` summary lacked (issue 13). The average is over the whole run, scan included: what the
 * user waited for.
 */
export function transferredLine(files: number, bytes: number, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const average = seconds > 0 ? bytes / seconds : 0;
  const noun = files === 1 ? 'file' : 'files';
  return `Transferred ${files} ${noun} (${formatBytes(bytes)}) in ${formatDuration(elapsedMs, true)}, ${formatSpeed(average)} on average.\n`;
}

/**
 * An interrupted run also sent parts of files it did not finish: counting those bytes in the
 * finished files' figure read "Transferred 2 files (11.4 MiB)" for two 2.9 MiB files (seen in
 * an 80×24 tmux run). The finished files keep their own size; what else went over the wire,
 * and the speed it was sent at, get a line of their own.
 */
function interruptedTransferLines(report: FinalReport): string {
  const unfinished = report.bytesSent - report.bytes;
  if (unfinished <= 0) return transferredLine(report.uploaded, report.bytes, report.elapsedMs);
  const seconds = report.elapsedMs / 1000;
  const average = seconds > 0 ? report.bytesSent / seconds : 0;
  const noun = report.uploaded === 1 ? 'file' : 'files';
  return (
    `Transferred ${report.uploaded} ${noun} (${formatBytes(report.bytes)}) in ${formatDuration(report.elapsedMs, true)}.\n` +
    `Sent ${formatBytes(report.bytesSent)} in all (${formatBytes(unfinished)} of files not done), ${formatSpeed(average)} on average.\n`
  );
}

/**
 * "2 failed" or, on a terminal where each failure was printed with its fix as it happened,
 * "2 failed (listed above)": the summary points at them instead of listing them twice (issue 13).
 */
export function failedCount(failed: number, listedAbove: boolean): string {
  return listedAbove && failed > 0 ? `${failed} failed (listed above)` : `${failed} failed`;
}

/**
 * What Ctrl+C prints before Ferry exits ("Interrupted" for `--once`, "Stopped" for a watch): the
 * failures not already printed live, with their reasons and fixes, then the same counts as the
 * `--once` summary line plus what was left unfinished, and the bytes and time. "Not done" fits
 * an 80-column line. Printed once; the run's queued files are simply not started (the next run
 * picks them up, and a multipart upload resumes from its checkpointed parts).
 * @param listedLive - whether a path's failure was printed as it happened (a terminal run);
 *   without live lines (no terminal) every failure is listed here.
 */
export function interruptedSummary(
  report: FinalReport,
  once: boolean,
  listedLive: (folderId: string, relativePath: string) => boolean = () => false,
): string {
  let text = '';
  let listed = 0;
  for (const failure of report.failed) {
    if (listedLive(failure.folderId, failure.relativePath)) listed += 1;
    else text += failureLines(failure);
  }
  const verb = once ? 'Interrupted' : 'Stopped';
  const failed = failedCount(report.failed.length, listed > 0);
  const conflicts = report.conflicts > 0 ? `, ${report.conflicts} conflicts` : '';
  text += `${verb}: ${report.uploaded} uploaded, ${report.deleted} deleted, ${failed}, ${report.skipped} skipped${conflicts}, ${report.notDone} not done.\n`;
  return text + interruptedTransferLines(report);
}
