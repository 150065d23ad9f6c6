import { toSyncError } from '../errors/sync-error.js';
import type { Logger } from '../ports/logger.js';
import type { ScanResult } from '../sync/folder-scanner.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { EngineEvent } from './engine-events.js';

/** Everything a scan saw and will not upload: unreadable paths and bad names first, then skips. */
export function problemsOfScan(folderId: string, scan: ScanResult): PathProblem[] {
  const failures = scan.errors.map(({ relativePath, error: thrown }): PathProblem => {
    const error = toSyncError(thrown, 'file-unreadable');
    return {
      folderId,
      relativePath,
      outcome: 'failed',
      code: error.code,
      reason: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      params: { path: relativePath, ...error.params },
    };
  });
  return [...failures, ...scan.skipped];
}

/**
 * Tells the log and the observers about a scan's problems. Failures are warnings (the user has to
 * act); skips are info, each with its reason or the default rule that matched, so "why was this
 * file not uploaded?" has an answer in the log. Only problems the previous scan did not have:
 * a watched folder rescans hourly (every minute with a broken watcher), and the same lock file
 * need not fill the log.
 */
export function reportProblems(
  problems: readonly PathProblem[],
  previous: readonly PathProblem[],
  logger: Logger,
  emit: (event: EngineEvent) => void,
): void {
  const known = new Set(previous.map(identity));
  for (const problem of problems) {
    if (known.has(identity(problem))) continue;
    const { folderId, relativePath, code, reason } = problem;
    if (problem.outcome === 'failed') {
      logger.warn('not uploaded', { folder: folderId, path: relativePath, code, error: reason });
      emit({ type: 'scan-error', folderId, relativePath, code, message: reason });
    } else {
      logger.info('skipped', { folder: folderId, path: relativePath, code, reason });
      emit({ type: 'path-skipped', folderId, relativePath, code, reason });
    }
  }
}

function identity(problem: PathProblem): string {
  return `${problem.outcome}\u0000${problem.relativePath}\u0000${problem.reason}`;
}
