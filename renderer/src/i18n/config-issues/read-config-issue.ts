import type { ConfigIssue } from '../../../../app/ipc/config-issue-view.js';
import type { Language } from '../choose-language.js';
import { fill } from '../errors/read-error.js';
import { CONFIG_ISSUE_TEXTS } from './config-issue-texts.js';

/**
 * A config problem in one language, by its code and params (issue 13). English keeps the
 * engine's line, which names the YAML key to set (as readError keeps the engine's English). A
 * code this UI does not
 * know (a newer engine) or a missing param shows the engine's English line instead of a
 * half-filled sentence, as readError does.
 */
export function readConfigIssue(
  issue: Pick<ConfigIssue, 'code' | 'params' | 'message'>,
  language: Language,
): string {
  if (language === 'en') return issue.message;
  const template = (CONFIG_ISSUE_TEXTS[language] as Record<string, string | undefined>)[issue.code];
  if (template === undefined) return issue.message;
  return fill(template, issue.params) ?? issue.message;
}
