import { describe, expect, it } from 'vitest';

import type { RunSummary } from '../../../../app/engine/sync-engine.js';
import type { PathProblem } from '../../../../app/sync/path-problem.js';
import {
  dryRunProblemLines,
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
