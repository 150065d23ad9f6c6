import { describe, expect, it } from 'vitest';

import type { Transfer } from '../../../../../app/transfer/transfer-queue.js';
import type { PathProblem } from '../../../../../app/sync/path-problem.js';
import { LiveLines } from '../../../../../main/cli/progress/live-lines.js';

function failed(id: number, path: string, queuedAt = 1): Transfer {
  return {
    id,
    folderId: 'docs',
    relativePath: path,
    kind: 'upload',
    origin: 'sync',
    drop: null,
    size: 10,
    bytesDone: 0,
    state: 'failed',
    retryAt: null,
    error: { code: 'access-denied', message: 'Access denied.', hint: 'Ask for PutObject.' },
    note: null,
    partsReused: 0,
    startedAt: 1,
    finishedAt: null,
    queuedAt,
  };
}

describe('the lines a terminal run prints above its live block (issue 13)', () => {
  it('prints a failure with its fix once, though the queue reports its finish twice', () => {
    const live = new LiveLines(() => []);
    const first = live.textOf({ type: 'transfer', transfer: failed(7, 'a.txt') });
    const again = live.textOf({
      type: 'transfer',
      transfer: { ...failed(7, 'a.txt'), finishedAt: 2 },
    });

    expect(first).toBe('✗ docs/a.txt: Access denied.\n  → Ask for PutObject.\n');
    expect(again).toBe('');
    expect(live.has('docs', 'a.txt')).toBe(true);
    expect(live.has('docs', 'b.txt')).toBe(false);
    // The same row queued again later (a watched file changed) and failing again: said again.
    expect(live.textOf({ type: 'transfer', transfer: failed(7, 'a.txt', 99) })).toMatch(/^✗ /);
  });

  it("gives a scan error the fix of the engine's problem (the event carries none)", () => {
    const problem: PathProblem = {
      folderId: 'docs',
      relativePath: 'locked',
      outcome: 'failed',
      code: 'file-unreadable',
      reason: 'Cannot read locked: permission denied.',
      hint: 'Give Ferry read access.',
    };
    const live = new LiveLines((folderId) => (folderId === 'docs' ? [problem] : []));
    const text = live.textOf({
      type: 'scan-error',
      folderId: 'docs',
      relativePath: 'locked',
      code: 'file-unreadable',
      message: 'Cannot read locked: permission denied.',
    });

    expect(text).toBe(
      '✗ docs/locked: Cannot read locked: permission denied.\n  → Give Ferry read access.\n',
    );
    expect(live.has('docs', 'locked')).toBe(true);
  });

  it('draws control characters in names as "?" and keeps default-rule skips off the screen', () => {
    const live = new LiveLines(() => []);
    expect(live.textOf({ type: 'transfer', transfer: failed(1, 'evil\n\u001b[2Jname') })).toMatch(
      /^✗ docs\/evil\?\?\[2Jname: /,
    );
    const skip = { type: 'path-skipped' as const, folderId: 'docs', relativePath: '~$a.docx' };
    expect(live.textOf({ ...skip, code: 'default-rule', reason: 'rule "~$*"' })).toBe('');
    expect(live.has('docs', '~$a.docx')).toBe(false);
    expect(
      live.textOf({ ...skip, relativePath: 'pipe', code: 'special-file', reason: 'FIFO' }),
    ).toBe('- docs/pipe: FIFO\n');
    expect(live.has('docs', 'pipe')).toBe(true);
  });
});
