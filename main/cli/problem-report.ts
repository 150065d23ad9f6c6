import type { RunSummary } from '../../app/engine/sync-engine.js';
import { describeSkips, type PathProblem } from '../../app/sync/path-problem.js';
import { failureLines, type FailureRecord } from './progress/failure-record.js';
import { failedCount } from './progress/transfer-summary.js';

/** Skipped paths listed one per line on stderr; beyond this, a count and the log. */
const SKIPS_LISTED = 100;

/**
 * The lines `ferry sync --once` writes about what it left behind (issue 11: "0 failed" must mean
 * nothing was left behind). Failures, each with its reason and fix; skipped paths each with why,
 * except those excluded by a default rule, which are counted (and listed by `--dry-run` and in
 * the log): a folder of Office lock files should not bury the one FIFO.
 */
export function writeProblems(
  problems: readonly PathProblem[],
  write: (text: string) => void,
): void {
  for (const problem of problems.filter((p) => p.outcome === 'failed')) {
    write(`failed: ${problem.folderId}/${problem.relativePath}: ${problem.reason}\n`);
    if (problem.hint) write(`  → ${problem.hint}\n`);
  }
  const listed = problems.filter((p) => p.outcome !== 'failed' && p.code !== 'default-rule');
  for (const problem of listed.slice(0, SKIPS_LISTED)) {
    write(`${problem.outcome}: ${problem.folderId}/${problem.relativePath}: ${problem.reason}\n`);
  }
  if (listed.length > SKIPS_LISTED) {
    write(`… and ${listed.length - SKIPS_LISTED} more skipped (each is in the log).\n`);
  }
}

/**
 * "3 uploaded, 0 deleted, 1 failed, 2 skipped (1 special file, 1 symbolic link), 0 conflicts."
 * @param listedAbove - the failures were printed with their fixes as they happened (a terminal):
 *   "1 failed (listed above)".
 */
export function summaryLine(summary: RunSummary, listedAbove = false): string {
  const failed = failedCount(summary.failed.length + summary.unreadable.length, listedAbove);
  const skipped = summary.skipped.length;
  const why = skipped > 0 ? ` (${describeSkips(summary.skipped)})` : '';
  return `${summary.uploaded} uploaded, ${summary.deleted} deleted, ${failed}, ${skipped} skipped${why}, ${summary.conflicts.length} conflicts.\n`;
}

/**
 * Everything a finished `--once` run left behind, for stderr: failures with their fixes, skipped
 * paths, conflicts, folders whose deletes are on hold. What a terminal run already printed as it
 * happened (listedLive) is not printed again: each failure appears once in the final picture.
 */
export function leftBehindText(
  summary: RunSummary,
  failed: readonly FailureRecord[],
  listedLive: (folderId: string, relativePath: string) => boolean,
): string {
  const unlisted = <T extends { folderId: string; relativePath: string }>(items: readonly T[]) =>
    items.filter((item) => !listedLive(item.folderId, item.relativePath));
  let text = unlisted(failed)
    .map((failure) => failureLines(failure))
    .join('');
  writeProblems(unlisted(summary.skipped), (line) => (text += line));
  for (const conflict of unlisted(summary.conflicts)) {
    text += `conflict: ${conflict.folderId}/${conflict.relativePath}: ${conflict.reason}\n`;
  }
  for (const pause of summary.paused) {
    text += `paused: ${pause.folderId}: ${pause.reason} (run again with --confirm-deletes to proceed)\n`;
  }
  return text;
}

/** `--dry-run`: one line per path the sync would leave out, with why (default rules included). */
export function dryRunProblemLines(problems: readonly PathProblem[]): string[] {
  return problems.map((problem) => {
    const verb = problem.outcome === 'failed' ? 'fail  ' : 'skip  ';
    return `  ${verb}  ${problem.relativePath}  (${problem.reason})\n`;
  });
}
