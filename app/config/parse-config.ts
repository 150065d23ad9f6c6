import { SyncError } from '../errors/sync-error.js';
import type { ConfigIssue } from './config-issue.js';
import { issueOfZod } from './issue-of-zod.js';
import { configSchema, type FerryConfig } from './schema.js';

export { formatPath } from './issue-of-zod.js';

/**
 * A configuration that failed validation: the English message lists every problem by its path
 * (the CLI prints it), `issues` carries each with its code and params for the UI (issue 13).
 */
export class ConfigInvalidError extends SyncError {
  constructor(
    source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    const lines = issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`);
    super(
      'config-invalid',
      'fatal',
      `${source} is not a valid Ferry configuration:\n  - ${lines.join('\n  - ')}`,
      { hint: 'Fix the listed keys; the README has a configuration reference.' },
    );
  }
}

/**
 * Validates an already-parsed config document (from YAML or JSON). Every problem is listed with
 * its path, so one run tells the user everything to fix.
 * @param source - the file name, for the message.
 */
export function parseConfig(document: unknown, source: string): FerryConfig {
  const result = configSchema.safeParse(document);
  if (result.success) return result.data;
  throw new ConfigInvalidError(
    source,
    result.error.issues.map((issue) => issueOfZod(issue, document)),
  );
}
