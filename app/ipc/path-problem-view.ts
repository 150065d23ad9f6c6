import type { PathProblem } from '../sync/path-problem.js';

/** The skip codes the UI words (renderer/src/i18n/path-problems/); types only cross here. */
export type { SkipCode } from '../sync/path-problem.js';
import type { PathProblemView } from './views.js';

/**
 * A scan problem as the snapshot carries it: a copy of the fields the view names, like
 * toTransferView, so a field the engine adds to PathProblem stays in the engine until the view
 * names it.
 */
export function toPathProblemView(problem: PathProblem): PathProblemView {
  return {
    folderId: problem.folderId,
    relativePath: problem.relativePath,
    outcome: problem.outcome,
    code: problem.code,
    reason: problem.reason,
    ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    ...(problem.params === undefined ? {} : { params: problem.params }),
  };
}
