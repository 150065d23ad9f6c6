import type { PathProblem } from '../sync/path-problem.js';
import type { Transfer } from '../transfer/transfer-queue.js';
import type { EngineEvent } from './engine-events.js';
import { UNCHANGED_NOTE } from './transfer-runner.js';

/** What one `--once` run did, and everything it left behind with why (issue 11). */
export interface RunSummary {
  readonly uploaded: number;
  readonly deleted: number;
  readonly bytes: number;
  readonly failed: readonly Transfer[];
  /** Paths the scans could not read (folders, files, names that are not UTF-8): also failures. */
  readonly unreadable: readonly PathProblem[];
  /** Seen and deliberately not uploaded (special files, links, default rules, gone files). */
  readonly skipped: readonly PathProblem[];
  readonly conflicts: readonly Extract<EngineEvent, { type: 'conflict' }>[];
  readonly paused: readonly { readonly folderId: string; readonly reason: string }[];
}

/**
 * The summary from the newest transfer of each path and the scans' problems.
 * @param finals - the newest transfer of each path during the run.
 */
export function summarizeRun(
  finals: readonly Transfer[],
  problems: readonly PathProblem[],
  conflicts: RunSummary['conflicts'],
  paused: RunSummary['paused'],
): RunSummary {
  return {
    uploaded: finals.filter((t) => t.kind === 'upload' && t.state === 'done').length,
    deleted: finals.filter((t) => t.kind === 'delete' && t.state === 'done').length,
    bytes: finals.filter((t) => t.state === 'done').reduce((sum, t) => sum + t.bytesDone, 0),
    failed: finals.filter((t) => t.state === 'failed'),
    unreadable: problems.filter((p) => p.outcome === 'failed'),
    skipped: [...problems.filter((p) => p.outcome === 'skipped'), ...gone(finals)],
    conflicts,
    paused,
  };
}

/** Uploads that ended without sending, other than "already uploaded": their file was gone. */
function gone(finals: readonly Transfer[]): PathProblem[] {
  return finals
    .filter((t) => t.kind === 'upload' && t.state === 'skipped' && t.note !== UNCHANGED_NOTE)
    .map((t) => ({
      folderId: t.folderId,
      relativePath: t.relativePath,
      outcome: 'skipped' as const,
      code: 'vanished',
      reason: t.note ?? 'not uploaded',
    }));
}
