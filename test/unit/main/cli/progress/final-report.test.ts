import { describe, expect, it } from 'vitest';

import type { RunSummary } from '../../../../../app/engine/sync-engine.js';
import type { Transfer } from '../../../../../app/transfer/transfer-queue.js';
import {
  reportOfRun,
  reportOfTally,
  summaryJsonLine,
} from '../../../../../main/cli/progress/final-report.js';
import { ProgressTally } from '../../../../../main/cli/progress/progress-tally.js';

const failedUpload = {
  id: 3,
  folderId: 'docs',
  relativePath: 'secret.pdf',
  kind: 'upload',
  state: 'failed',
  size: 5,
  bytesDone: 0,
  error: { code: 'access-denied', message: 'Access denied.', hint: 'Ask for PutObject.' },
} as Transfer;

describe("the run's final report (text and --json share it)", () => {
  it('a finished --once run: failed uploads and unreadable paths, each with code, message, hint', () => {
    const summary: RunSummary = {
      uploaded: 199,
      deleted: 0,
      bytes: 1234,
      failed: [failedUpload],
      unreadable: [
        {
          folderId: 'docs',
          relativePath: 'locked',
          outcome: 'failed',
          code: 'file-unreadable',
          reason: 'Cannot read locked.',
        },
      ],
      skipped: [],
      conflicts: [],
      paused: [],
    };
    const line = summaryJsonLine(reportOfRun(summary, 6_600, 2000));

    expect(line.endsWith('}\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({
      type: 'summary',
      uploaded: 199,
      deleted: 0,
      failed: [
        {
          folderId: 'docs',
          relativePath: 'locked',
          code: 'file-unreadable',
          message: 'Cannot read locked.',
          hint: null,
        },
        {
          folderId: 'docs',
          relativePath: 'secret.pdf',
          code: 'access-denied',
          message: 'Access denied.',
          hint: 'Ask for PutObject.',
        },
      ],
      skipped: 0,
      notDone: 0,
      bytes: 1234,
      bytesSent: 2000,
      elapsedMs: 6_600,
      interrupted: false,
    });
  });

  it('an interrupted run: from the tally, with what was left undone', () => {
    const tally = new ProgressTally();
    tally.apply({
      ...failedUpload,
      id: 1,
      relativePath: 'queued.txt',
      state: 'queued',
      error: null,
    });
    tally.apply(failedUpload);
    tally.apply({
      ...failedUpload,
      id: 5,
      relativePath: 'half.bin',
      state: 'uploading',
      bytesDone: 3,
      error: null,
    });
    tally.apply({
      ...failedUpload,
      id: 6,
      relativePath: 'done.bin',
      state: 'done',
      bytesDone: 5,
      error: null,
    });
    tally.conflicted('docs', 'both.txt');

    expect(reportOfTally(tally, 900)).toMatchObject({
      uploaded: 1,
      failed: [{ relativePath: 'secret.pdf', code: 'access-denied' }],
      conflicts: 1,
      notDone: 2,
      bytes: 5, // the finished file's; the half-sent one is only in bytesSent
      bytesSent: 8,
      elapsedMs: 900,
      interrupted: true,
    });
  });
});
