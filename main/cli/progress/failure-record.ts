import type { EngineEvent } from '../../../app/engine/engine-events.js';
import type { Transfer } from '../../../app/transfer/transfer-queue.js';
import type { PathProblem } from '../../../app/sync/path-problem.js';

/**
 * One file a run left behind, whatever left it there (a failed upload or a path the scan could
 * not read): the shape the summaries print and `--json`'s summary object carries.
 */
export interface FailureRecord {
  readonly folderId: string;
  readonly relativePath: string;
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

export function failureOfTransfer(transfer: Readonly<Transfer>): FailureRecord {
  return {
    folderId: transfer.folderId,
    relativePath: transfer.relativePath,
    code: transfer.error?.code ?? 'internal',
    message: transfer.error?.message ?? 'unknown error',
    hint: transfer.error?.hint ?? null,
  };
}

export function failureOfProblem(problem: PathProblem): FailureRecord {
  return {
    folderId: problem.folderId,
    relativePath: problem.relativePath,
    code: problem.code,
    message: problem.reason,
    hint: problem.hint ?? null,
  };
}

/**
 * A scan-error event as a failure. The event carries no hint; the engine's problem it reports
 * does (FolderSync records a scan's problems before it tells observers: folder-sync.ts).
 */
export function failureOfScanError(
  event: Extract<EngineEvent, { type: 'scan-error' }>,
  problems: readonly PathProblem[],
): FailureRecord {
  const problem = problems.find(
    (p) => p.outcome === 'failed' && p.relativePath === event.relativePath,
  );
  return {
    folderId: event.folderId,
    relativePath: event.relativePath,
    code: event.code,
    message: event.message,
    hint: problem?.hint ?? null,
  };
}

/** `failed: folder/path: message` and, when there is one, the fix on the next line. */
export function failureLines(failure: FailureRecord, prefix = 'failed: '): string {
  const hint = failure.hint ? `  → ${failure.hint}\n` : '';
  return `${prefix}${failure.folderId}/${failure.relativePath}: ${failure.message}\n${hint}`;
}

/** The key the live lines and the summaries agree on: one per folder and path. */
export function pathKey(folderId: string, relativePath: string): string {
  return `${folderId}\u0000${relativePath}`;
}
