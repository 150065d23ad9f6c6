import { describe, expect, it } from 'vitest';

import type { FinalReport } from '../../../../../main/cli/progress/final-report.js';
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

  const report: FinalReport = {
    uploaded: 57,
    deleted: 1,
    failed: [
      {
        folderId: 'docs',
        relativePath: 'secret.pdf',
        code: 'access-denied',
        message: 'Access denied',
        hint: 'Check the role policy.',
      },
      {
        folderId: 'docs',
        relativePath: 'bad\\xff.txt',
        code: 'invalid-name',
        message: 'Name is not valid UTF-8',
        hint: null,
      },
    ],
    skipped: 1,
    conflicts: 0,
    notDone: 143,
    bytes: 36 * MiB,
    bytesSent: 36 * MiB,
    elapsedMs: 4_000,
    interrupted: true,
  };

  it('on Ctrl+C without a terminal: every failure with its reason and fix, then the counts', () => {
    expect(interruptedSummary(report, true)).toBe(
      'failed: docs/secret.pdf: Access denied\n' +
        '  → Check the role policy.\n' +
        'failed: docs/bad\\xff.txt: Name is not valid UTF-8\n' +
        'Interrupted: 57 uploaded, 1 deleted, 2 failed, 1 skipped, 143 not done.\n' +
        'Transferred 57 files (36.0 MiB) in 4.0s, 9.0 MiB/s on average.\n',
    );
    expect(interruptedSummary({ ...report, conflicts: 2 }, false)).toMatch(
      /^Stopped: 57 uploaded, 1 deleted, 2 failed, 1 skipped, 2 conflicts, 143 not done\.$/m,
    );
  });

  it('on a terminal: failures printed as they happened are not listed again (issue 13)', () => {
    const listedLive = (_folder: string, path: string) => path === 'secret.pdf';
    expect(interruptedSummary(report, false, listedLive)).toBe(
      // The one not printed live (none would be, in practice) still gets its line.
      'failed: docs/bad\\xff.txt: Name is not valid UTF-8\n' +
        'Stopped: 57 uploaded, 1 deleted, 2 failed (listed above), 1 skipped, 143 not done.\n' +
        'Transferred 57 files (36.0 MiB) in 4.0s, 9.0 MiB/s on average.\n',
    );
    expect(interruptedSummary({ ...report, failed: [] }, false, () => true)).toMatch(
      /^Stopped: 57 uploaded, 1 deleted, 0 failed, 1 skipped/,
    );
  });

  it("keeps the bytes of unfinished files out of the finished files' size (seen in tmux)", () => {
    const partly = { ...report, uploaded: 2, bytes: 5.7 * MiB, bytesSent: 11.4 * MiB };
    expect(interruptedSummary(partly, false, () => true)).toMatch(
      /\nTransferred 2 files \(5\.7 MiB\) in 4\.0s\.\nSent 11\.4 MiB in all \(5\.7 MiB of files not done\), 2\.9 MiB\/s on average\.\n$/,
    );
  });
});
