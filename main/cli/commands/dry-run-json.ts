import type { PathProblem } from '../../../app/sync/path-problem.js';
import type { Plan } from '../../../app/sync/planner.js';

/**
 * `ferry sync --dry-run --json`: one `{"type":"plan"}` object per folder on stdout, so `--json`
 * keeps its promise of nothing but NDJSON there (the text plan printed into it before). The same
 * facts as the text: what would be uploaded or deleted and why, what is left out and why.
 */
export function planJsonLine(
  folderId: string,
  plan: Plan,
  problems: readonly PathProblem[],
): string {
  return `${JSON.stringify({
    time: new Date().toISOString(),
    type: 'plan',
    folderId,
    uploads: plan.uploads.map((u) => ({
      relativePath: u.relativePath,
      reason: u.reason,
      size: u.size,
    })),
    deletes: plan.deletes.map((d) => d.remoteKey),
    conflicts: plan.conflicts.map((c) => ({ relativePath: c.relativePath, reason: c.reason })),
    collisions: plan.collisions.map((c) => ({ relativePath: c.relativePath, others: c.others })),
    leftOut: problems.map((p) => ({
      relativePath: p.relativePath,
      outcome: p.outcome,
      code: p.code,
      reason: p.reason,
      hint: p.hint ?? null,
    })),
    unchanged: plan.unchanged,
    deletesOnHold: plan.deletePause,
  })}\n`;
}
