import type { z } from 'zod';

import { SyncError } from '../errors/sync-error.js';
import { configSchema, type FerryConfig } from './schema.js';

/** "profiles[0].credentials.roleArn" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text === '' ? String(part) : `${text}.${String(part)}`;
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `${where}: required`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Validates an already-parsed config document (from YAML or JSON). Every problem is listed with
 * its path, so one run tells the user everything to fix.
 * @param source - the file name, for the message.
 */
export function parseConfig(document: unknown, source: string): FerryConfig {
  const result = configSchema.safeParse(document);
  if (result.success) return result.data;
  const lines = result.error.issues.map(describeIssue);
  throw new SyncError(
    'config-invalid',
    'fatal',
    `${source} is not a valid Ferry configuration:\n  - ${lines.join('\n  - ')}`,
    {
      hint: 'Fix the listed keys; the README has a configuration reference.',
    },
  );
}
