import type { ConfigIssue } from '../../../app/ipc/config-issue-view.js';
import type { Language } from '../i18n/choose-language.js';
import { readConfigIssue } from '../i18n/config-issues/read-config-issue.js';

/**
 * `config:save` refuses an invalid document with every problem as data: path, code, params
 * (app/config/config-issue.ts), worded here in the UI's language (issue 13). The forms show each
 * next to its field and all of them in a list.
 */
export interface FieldError {
  /** "profiles[0].credentials.roleArn"; "" when the problem is about the whole document. */
  readonly path: string;
  readonly message: string;
}

export interface ConfigErrors {
  readonly summary: string;
  readonly fields: readonly FieldError[];
}

/** The refusal's problems in `language`, each at its field. */
export function fieldErrorsOf(
  issues: readonly ConfigIssue[],
  language: Language,
): readonly FieldError[] {
  return issues.map((issue) => ({ path: issue.path, message: readConfigIssue(issue, language) }));
}

/** An engine without issue codes (older, or a refusal not from the schema) sends only English
 *  lines "  - path: message": split so each still lands at its field. */
const ITEM = /^\s*-\s+(.*)$/;
const PATH = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*|\(top level\)): (.+)$/s;

export function parseConfigErrors(message: string): ConfigErrors {
  const lines = message.split('\n');
  const fields: FieldError[] = [];
  const summary: string[] = [];
  for (const line of lines) {
    const item = ITEM.exec(line);
    if (!item) {
      if (line.trim() !== '') summary.push(line.trim());
      continue;
    }
    const text = item[1] ?? '';
    const located = PATH.exec(text);
    if (located && located[1] !== '(top level)') {
      fields.push({ path: located[1] ?? '', message: located[2] ?? '' });
    } else {
      fields.push({ path: '', message: located ? (located[2] ?? text) : text });
    }
  }
  return { summary: summary.join(' '), fields };
}

/** The first error reported for exactly this field, if any. */
export function errorAt(errors: readonly FieldError[], path: string): string | null {
  const exact = errors.find((error) => error.path === path);
  return exact ? exact.message : null;
}
