import { describe, expect, it } from 'vitest';

import type { Transfer } from '../../../../../app/transfer/transfer-queue.js';
import type { TallyCounts } from '../../../../../main/cli/progress/progress-tally.js';
import {
  interruptedSummary,
  transferredLine,
} from '../../../../../main/cli/progress/transfer-summary.js';

const MiB = 1024 * 1024;

describe('the summary lines (issue 13)', () => {
  it('says how much, how long and how fast on average', () => {
    expect(transferredLine(200, 117.6 * MiB, 6_600)).toBe(
      'Transferred 200 files (117.6 MiB) in 6.6s, 17.8 MiB/s on average.\n',
    );
    expect(transferredLine(1, 10, 125_000)).toBe(
      'Transferred 1 file (10 B) in 2m 5s, 0 B/s on average.\n',
    );
    expect(transferredLine(0, 0, 0)).toBe('Transferred 0 files (0 B) in 0.0s, 0 B/s on average.\n');
  });

  it('on Ctrl+C: the failures with reasons, what was done and what is left', () => {
    const counts: TallyCounts = {
      filesDone: 57,
      filesTotal: 200,
      filesFailed: 2,
      filesSkipped: 1,
      filesLeft: 141,
      deletesDone: 1,
      deletesTotal: 3,
      bytesDone: 40 * MiB,
      bytesTotal: 117 * MiB,
      bytesSent: 36 * MiB,
    };
    const failure = {
      folderId: 'docs',
      relativePath: 'secret.pdf',
      error: { code: 'access-denied', message: 'Access denied', hint: 'Check the role policy.' },
    } as Transfer;
    expect(interruptedSummary(counts, [failure], 4_000, true)).toBe(
      'failed: docs/secret.pdf: Access denied\n' +
        '  → Check the role policy.\n' +
        'Interrupted: 57 uploaded, 1 deleted, 2 failed, 1 skipped, 143 not done.\n' +
        'Transferred 57 files (36.0 MiB) in 4.0s, 9.0 MiB/s on average.\n',
    );
    expect(interruptedSummary(counts, [], 4_000, false)).toMatch(/^Stopped: 57 uploaded/);
  });
});
