import type { PathProblemView } from '../../../../app/ipc/views.js';
import type { Language } from '../choose-language.js';
import { fill, readError } from '../errors/read-error.js';
import { PATH_PROBLEM_TEXTS } from './path-problem-texts.js';

/**
 * Why a path was not uploaded, in `language` (issue 13): failures by their error code, skips by
 * their skip code, pending files as "still changing"; all with their params. English keeps the
 * engine's own reason, which is as specific (the settle time of a pending file). A code this UI
 * does not know, or a missing param, shows the engine's reason as it came.
 */
export function readPathProblem(
  problem: Pick<PathProblemView, 'outcome' | 'code' | 'reason' | 'hint' | 'params'>,
  language: Language,
): { readonly reason: string; readonly hint: string | null } {
  const sent = { reason: problem.reason, hint: problem.hint ?? null };
  if (problem.outcome === 'failed') {
    const read = readError({ ...problem, message: problem.reason }, language);
    return { reason: read.message, hint: read.hint };
  }
  if (language === 'en') return sent;
  const texts = PATH_PROBLEM_TEXTS[language];
  const key = problem.outcome === 'pending' ? 'pending' : problem.code;
  const template = (texts.reasons as Record<string, string | undefined>)[key];
  if (template === undefined) return sent;
  const kind = problem.params?.kind;
  const params = {
    ...problem.params,
    ...(typeof kind === 'string'
      ? { kind: (texts.kinds as Record<string, string | undefined>)[kind] ?? kind }
      : {}),
  };
  const reason = fill(template, params);
  if (reason === null) return sent;
  return { reason, hint: key === 'default-rule' ? texts.hints['default-rule'] : null };
}
