import type { ErrorParams } from '../errors/sync-error.js';
import type { SkippedEntryKind } from '../ports/file-system.js';

/**
 * A path that was seen and not uploaded, and why (issue 11: a run that says "all synced" must
 * mean it). The CLI summary, `ferry status`, the UI and the log all show these.
 * - `failed`: Ferry could not upload it and the user has to act (unreadable, a bad name, never
 *   stopped changing): `ferry sync --once` exits 1.
 * - `skipped`: deliberately not uploaded (a FIFO, a link not followed, a default ignore rule, a
 *   file gone before its upload): said, but not an error.
 * - `pending`: still being written; watching, Ferry uploads it once it holds still.
 */
export interface PathProblem {
  readonly folderId: string;
  /** Below the folder root; a name that is not UTF-8 shows its bad bytes escaped (`bad\xff`). */
  readonly relativePath: string;
  readonly outcome: 'failed' | 'skipped' | 'pending';
  /** An ErrorCode for failures; for skips the kind of skip (SkipCode). */
  readonly code: string;
  readonly reason: string;
  readonly hint?: string;
  /** The error's params (failures) or the skip's (SKIP_CODES), for the UI's text (issue 13). */
  readonly params?: ErrorParams;
}

/** Why a path was skipped, for counting them by kind in summaries and for the UI's text of each
 *  (renderer/src/i18n/path-problems/; issue 13): params `kind` (special-file: the
 *  SkippedEntryKind) and `rule` (default-rule). */
export const SKIP_CODES = ['special-file', 'symlink', 'default-rule', 'vanished'] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

const SPECIAL_NAMES: Record<Exclude<SkippedEntryKind, 'symlink'>, string> = {
  fifo: 'FIFO',
  socket: 'socket',
  'block-device': 'block device',
  'character-device': 'character device',
  unknown: 'unknown type',
};

/** A walk's skipped entry as a problem: "special file (FIFO), not uploaded". */
export function skippedEntry(
  folderId: string,
  relativePath: string,
  kind: SkippedEntryKind,
): PathProblem {
  return kind === 'symlink'
    ? {
        folderId,
        relativePath,
        outcome: 'skipped',
        code: 'symlink' satisfies SkipCode,
        reason: 'symbolic link, not followed',
      }
    : {
        folderId,
        relativePath,
        outcome: 'skipped',
        code: 'special-file' satisfies SkipCode,
        reason: `special file (${SPECIAL_NAMES[kind]}), not uploaded`,
        params: { kind },
      };
}

/** Excluded by one of Ferry's built-in patterns, which the user never wrote and may not expect. */
export function excludedByDefault(
  folderId: string,
  relativePath: string,
  rule: string,
): PathProblem {
  return {
    folderId,
    relativePath,
    outcome: 'skipped',
    code: 'default-rule' satisfies SkipCode,
    reason: `excluded by the default ignore rule "${rule}"`,
    params: { rule },
    // The defaults win over every other rule (ignore-rules.ts), so a `!pattern` cannot help.
    hint: 'Ferry always leaves these out (unfinished downloads, lock and swap files); rename the file if it is a document you want synced.',
  };
}

/** Plural labels for the summary line ("2 special files, 1 symbolic link"). */
const SKIP_LABELS: Record<string, readonly [string, string]> = {
  'special-file': ['special file', 'special files'],
  symlink: ['symbolic link', 'symbolic links'],
  'default-rule': ['excluded by a default rule', 'excluded by default rules'],
  vanished: ['gone before its upload', 'gone before their upload'],
};

/** "1 special file, 3 excluded by default rules": skipped paths counted by why. */
export function describeSkips(skipped: readonly PathProblem[]): string {
  const counts = new Map<string, number>();
  for (const problem of skipped) counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
  return [...counts]
    .map(([code, count]) => {
      const [one, many] = SKIP_LABELS[code] ?? [code, code];
      return `${count} ${count === 1 ? one : many}`;
    })
    .join(', ');
}
