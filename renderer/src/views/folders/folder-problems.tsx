import type { FolderView, PathProblemView } from '../../../../app/ipc/views.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { readPathProblem } from '../../i18n/path-problems/read-path-problem.js';

const OUTCOME_LABEL: Record<PathProblemView['outcome'], MessageKey> = {
  failed: 'problemFailed',
  skipped: 'problemSkipped',
  pending: 'problemPending',
};

/**
 * What the folder's last scan saw and did not upload, each with why (issue 11: nothing skipped
 * silently): unreadable folders and names that are not UTF-8 (failed), FIFOs, links and default
 * ignore rules (skipped), files still being written (pending). Open when something failed.
 */
export function FolderProblems({ folder }: { readonly folder: FolderView }) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  // Worded by code in the UI's language (issue 13): failures by error, skips by skip code.
  const reasonOf = (problem: PathProblemView): string =>
    readPathProblem(problem, i18n.language).reason;
  const { problems } = folder;
  if (problems.length === 0) return null;
  return (
    <details className="problems" open={problems.some((p) => p.outcome === 'failed')}>
      <summary>{tp('folderNotUploaded', problems.length)}</summary>
      <ul className="problems__list">
        {problems.map((problem) => (
          <li
            key={`${problem.outcome}\u0000${problem.relativePath}`}
            className={problem.outcome === 'failed' ? 'problems__item--error' : undefined}
          >
            <span className="problems__outcome">{t(OUTCOME_LABEL[problem.outcome])}</span>{' '}
            <span className="mono">{problem.relativePath}</span>
            <span className="muted" title={problem.reason}>
              {' '}
              — {reasonOf(problem)}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
