import type { z } from 'zod';

import { CONFIG_ISSUE_CODES, type ConfigIssue, type ConfigIssueCode } from './config-issue.js';

/** "profiles[0].credentials.roleArn" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text === '' ? String(part) : `${text}.${String(part)}`;
  }, '');
}

const KNOWN = new Set<string>(CONFIG_ISSUE_CODES);

/** The value the document holds at `path` (undefined when a step is missing). */
function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** The issue's own code and values: custom issues carry them (issueParams), zod's are mapped by
 *  zod's issue code and fields (zod 4, core/errors.ts `$ZodIssue`), never by their wording. */
function codeAndParams(
  issue: z.core.$ZodIssue,
  document: unknown,
): { code: ConfigIssueCode; params: Record<string, string | number> } {
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'unknown-keys', params: { keys: issue.keys.join(', ') } };
    case 'invalid_type':
      return valueAt(document, issue.path) === undefined
        ? { code: 'required', params: {} }
        : { code: 'wrong-type', params: { expected: issue.expected } };
    case 'too_small':
      return { code: 'too-small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { code: 'too-big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'not-one-of', params: { values: issue.values.map(String).join(', ') } };
    case 'invalid_union':
      // The credentials union: no `source` it knows (the only union in the schema).
      return { code: 'not-one-of', params: { values: 'assume-role, aliyun-sts, vendor' } };
    case 'invalid_format':
      if (issue.format === 'url') return { code: 'bad-url', params: {} };
      if (last === 'id') return { code: 'bad-id', params: {} };
      if (last === 'roleArn') return { code: 'bad-role-arn', params: {} };
      return { code: 'bad-format', params: {} };
    case 'custom': {
      const { issue: code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      if (typeof code === 'string' && KNOWN.has(code)) {
        return { code: code as ConfigIssueCode, params };
      }
      return { code: 'other', params: { detail: issue.message } };
    }
    default:
      return { code: 'other', params: { detail: issue.message } };
  }
}

/** One zod issue as a ConfigIssue, with the English line the CLI has always printed. */
export function issueOfZod(issue: z.core.$ZodIssue, document: unknown): ConfigIssue {
  const { code, params } = codeAndParams(issue, document);
  const message =
    code === 'unknown-keys'
      ? `unknown key${String(params.keys).includes(',') ? 's' : ''} ${String(params.keys)
          .split(', ')
          .map((key) => `"${key}"`)
          .join(', ')}`
      : code === 'required'
        ? 'required'
        : issue.message;
  return { path: formatPath(issue.path), code, params, message };
}
