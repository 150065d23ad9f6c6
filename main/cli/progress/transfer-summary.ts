import type { Transfer } from '../../../app/transfer/transfer-queue.js';
import { formatDuration } from '../format-duration.js';
import { formatBytes, formatSpeed } from './format-bytes.js';
import type { TallyCounts } from './progress-tally.js';

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
 * What Ctrl+C prints before Ferry exits ("Interrupted" for `--once`, "Stopped" for a watch): the failures so far with their reasons, then the same
 * counts as the `--once` summary line plus what was left unfinished, and the bytes and time.
 * "Not done" fits an 80-column line. Printed once; the run's queued files are simply not started (the next run picks them up, and
 * a multipart upload resumes from its checkpointed parts).
 */
export function interruptedSummary(
  counts: TallyCounts,
  failures: readonly Readonly<Transfer>[],
  elapsedMs: number,
  once: boolean,
): string {
  let text = '';
  for (const failure of failures) {
    text += `failed: ${failure.folderId}/${failure.relativePath}: ${failure.error?.message ?? 'unknown error'}\n`;
    if (failure.error?.hint) text += `  → ${failure.error.hint}\n`;
  }
  const deletesLeft = counts.deletesTotal - counts.deletesDone;
  const verb = once ? 'Interrupted' : 'Stopped';
  text += `${verb}: ${counts.filesDone} uploaded, ${counts.deletesDone} deleted, ${counts.filesFailed} failed, ${counts.filesSkipped} skipped, ${counts.filesLeft + deletesLeft} not done.\n`;
  return text + transferredLine(counts.filesDone, counts.bytesSent, elapsedMs);
}
