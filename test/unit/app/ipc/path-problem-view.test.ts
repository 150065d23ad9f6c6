import { describe, expect, it } from 'vitest';

import { toPathProblemView } from '../../../../app/ipc/path-problem-view.js';
import type { PathProblem } from '../../../../app/sync/path-problem.js';

describe('toPathProblemView', () => {
  it('copies the named fields and nothing else', () => {
    const problem = {
      folderId: 'docs',
      relativePath: 'bad\\xff.txt',
      outcome: 'failed',
      code: 'bad-name',
      reason: 'the name is not UTF-8',
      hint: 'Rename the file.',
      params: { path: 'bad\\xff.txt' },
      scanRoot: '/home/u/docs',
    } as PathProblem;
    const view = toPathProblemView(problem);
    expect(view).toEqual({
      folderId: 'docs',
      relativePath: 'bad\\xff.txt',
      outcome: 'failed',
      code: 'bad-name',
      reason: 'the name is not UTF-8',
      hint: 'Rename the file.',
      params: { path: 'bad\\xff.txt' },
    });
    expect(JSON.stringify(view)).not.toContain('/home/u');
  });

  it('leaves out a hint and params the problem does not have', () => {
    const view = toPathProblemView({
      folderId: 'docs',
      relativePath: 'fifo',
      outcome: 'skipped',
      code: 'special-file',
      reason: 'special file (FIFO), not uploaded',
    });
    expect(Object.keys(view)).not.toContain('hint');
    expect(Object.keys(view)).not.toContain('params');
  });
});
