import { describe, expect, it } from 'vitest';

import type { RunSummary } from '../../../../app/engine/sync-engine.js';
import type { PathProblem } from '../../../../app/sync/path-problem.js';
import {
  dryRunProblemLines,
  leftBehindText,
  summaryLine,
  writeProblems,
} from '../../../../main/cli/problem-report.js';

const problem = (
  relativePath: string,
  outcome: PathProblem['outcome'],
  code: string,
  reason: string,
  hint?: string,
): PathProblem => ({
  folderId: 'docs',
  relativePath,
  outcome,
  code,
  reason,
  ...(hint ? { hint } : {}),
});

const unreadable = problem('locked', 'failed', 'file-unreadable', 'permission denied.', 'chmod it');
const badName = problem('bad\\xff.txt', 'failed', 'invalid-name', 'name is not valid UTF-8.');
const fifo = problem('pipe', 'skipped', 'special-file', 'special file (FIFO), not uploaded');
const lock = problem(
  '~$a.docx',
  'skipped',
  'default-rule',
  'excluded by the default ignore rule "~$*"',
);
const lock2 = problem(
  '~$b.docx',
  'skipped',
  'default-rule',
  'excluded by the default ignore rule "~$*"',
);

function summary(overrides: Partial<RunSummary>): RunSummary {
  return {
    uploaded: 3,
    deleted: 0,
    bytes: 0,
    failed: [],
    unreadable: [],
    skipped: [],
    conflicts: [],
    paused: [],
    ...overrides,
  };
}

describe('the --once summary', () => {
  it('counts unreadable paths as failed and says why paths were skipped', () => {
    expect(
      summaryLine(summary({ unreadable: [unreadable, badName], skipped: [fifo, lock, lock2] })),
    ).toBe(
      '3 uploaded, 0 deleted, 2 failed, 3 skipped (1 special file, 2 excluded by default rules), 0 conflicts.\n',
    );
    expect(summaryLine(summary({}))).toBe(
      '3 uploaded, 0 deleted, 0 failed, 0 skipped, 0 conflicts.\n',
    );
  });

  it('lists each failure with its fix and each skip with why, default-rule exclusions only counted', () => {
    let text = '';
    writeProblems([unreadable, badName, fifo, lock], (line) => (text += line));
    expect(text).toBe(
      'failed: docs/locked: permission denied.\n' +
        '  → chmod it\n' +
        'failed: docs/bad\\xff.txt: name is not valid UTF-8.\n' +
        'skipped: docs/pipe: special file (FIFO), not uploaded\n',
    );
  });

  it('lists at most 100 skips, then a count', () => {
    const many = Array.from({ length: 103 }, (_, i) => ({ ...fifo, relativePath: `p${i}` }));
    const lines: string[] = [];
    writeProblems(many, (line) => lines.push(line));
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toBe('… and 3 more skipped (each is in the log).\n');
  });

  it('--dry-run lists every path left out, default rules with the rule', () => {
    expect(dryRunProblemLines([unreadable, lock])).toEqual([
      '  fail    locked  (permission denied.)\n',
      '  skip    ~$a.docx  (excluded by the default ignore rule "~$*")\n',
    ]);
  });
});

describe('what a finished --once run left behind (each failure once, issue 13)', () => {
  const failed = [
    {
      folderId: 'docs',
      relativePath: 'locked',
      code: 'file-unreadable',
      message: 'permission denied.',
      hint: 'chmod it',
    },
  ];
  const conflict = {
    type: 'conflict' as const,
    folderId: 'docs',
    relativePath: 'both.txt',
    remoteKey: 'docs/both.txt',
    reason: 'changed on both sides',
  };
  const run = summary({ unreadable: [unreadable], skipped: [fifo, lock], conflicts: [conflict] });

  it('without live lines (no terminal, --json): lists every failure with its fix, skip and conflict', () => {
    expect(leftBehindText(run, failed, () => false)).toBe(
      'failed: docs/locked: permission denied.\n' +
        '  → chmod it\n' +
        'skipped: docs/pipe: special file (FIFO), not uploaded\n' +
        'conflict: docs/both.txt: changed on both sides\n',
    );
    expect(summaryLine(run)).toMatch(/, 1 failed, /);
  });

  it('on a terminal: what was printed as it happened is not printed again; the count points up', () => {
    expect(leftBehindText(run, failed, () => true)).toBe('');
    expect(summaryLine(run, true)).toBe(
      '3 uploaded, 0 deleted, 1 failed (listed above), 2 skipped (1 special file, 1 excluded by a default rule), 1 conflicts.\n',
    );
    // Paused folders are always said: the summary adds what to do about them.
    const paused = summary({ paused: [{ folderId: 'docs', reason: 'would delete 80%' }] });
    expect(leftBehindText(paused, [], () => true)).toBe(
      'paused: docs: would delete 80% (run again with --confirm-deletes to proceed)\n',
    );
  });
});
