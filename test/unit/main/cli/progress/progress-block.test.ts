import { describe, expect, it } from 'vitest';

import { renderBlock, type BlockState } from '../../../../../main/cli/progress/progress-block.js';
import type { TallyCounts } from '../../../../../main/cli/progress/progress-tally.js';
import { textWidth } from '../../../../../main/cli/progress/text-width.js';

const MiB = 1024 * 1024;

const counts: TallyCounts = {
  filesDone: 57,
  filesTotal: 200,
  filesFailed: 2,
  filesSkipped: 0,
  filesLeft: 141,
  deletesDone: 0,
  deletesTotal: 0,
  bytesDone: 33.2 * MiB,
  bytesTotal: 117.6 * MiB,
  bytesSent: 33.2 * MiB,
};

const inFlight: BlockState['inFlight'] = [
  {
    folderId: 'photos',
    relativePath: 'img_0001.jpg',
    size: 3.5 * MiB,
    bytesDone: 1.6 * MiB,
    state: 'uploading',
    kind: 'upload',
  },
  {
    folderId: 'photos',
    relativePath: '照片/二〇二六年/家族旅行の写真-東京タワーと富士山の夕焼け-0001.jpg',
    size: 12 * MiB,
    bytesDone: 0,
    state: 'uploading',
    kind: 'upload',
  },
  {
    folderId: 'photos',
    relativePath: 'a-very-long-file-name-that-cannot-fit-on-one-line-of-an-80-column-terminal.bin',
    size: 800,
    bytesDone: 0,
    state: 'retrying',
    kind: 'upload',
  },
  {
    folderId: 'photos',
    relativePath: 'stuck.bin',
    size: 100,
    bytesDone: 0,
    state: 'waiting-for-credentials',
    kind: 'upload',
  },
];

const state: BlockState = {
  counts,
  bytesPerSecond: 8 * MiB,
  elapsedMs: 4_500,
  inFlight,
  token: 'token renews in 14m 59s',
};

describe('the live block (issue 13)', () => {
  it('at 80 columns: rclone-like totals and the files in flight', () => {
    expect(renderBlock(state, 80, 8)).toEqual([
      'Transferred:   33.2 MiB / 117.6 MiB, 28%, 8.0 MiB/s, ETA 11s',
      'Files:         57 / 200, 2 failed',
      'Elapsed:       4.5s, waiting for credentials, token renews in 14m 59s',
      'Transferring:',
      '  45%    3.5 MiB  photos/img_0001.jpg',
      '   0%   12.0 MiB  photos/照片/二〇二六年/家族旅…タワーと富士山の夕焼け-0001.jpg',
      'retry      800 B  photos/a-very-long-file-name-t…e-of-an-80-column-terminal.bin',
      ' wait      100 B  photos/stuck.bin',
    ]);
  });

  it.each([40, 59, 60, 80, 120, 200])(
    'no line is wider than %i - 1 columns (CJK counted 2)',
    (columns) => {
      const lines = renderBlock(state, columns, 8);
      for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(columns - 1);
      expect(lines.length).toBe(columns >= 60 ? 8 : 7);
    },
  );

  it('at 40 columns drops the labels and keeps the numbers', () => {
    expect(renderBlock(state, 40, 2)).toEqual([
      '33.2 MiB / 117.6 MiB 28% 8.0 MiB/s ETA…',
      '57 / 200 files, 2 failed',
      '4.5s, waiting for credentials, token r…',
      '  45%    3.5 MiB  photos/img_0001.jpg',
      '   0%   12.0 MiB  photos/照…け-0001.jpg',
      '  … and 2 more',
    ]);
  });

  it('at 200 columns shows names whole', () => {
    const lines = renderBlock(state, 200, 8);
    expect(lines).toContain(
      '   0%   12.0 MiB  photos/照片/二〇二六年/家族旅行の写真-東京タワーと富士山の夕焼け-0001.jpg',
    );
  });

  it('no ETA before 2 s, when idle, or with nothing left; never "ETA 0s" while bytes are left', () => {
    const first = (s: BlockState) => renderBlock(s, 80, 0)[0];
    expect(first({ ...state, elapsedMs: 1_000 })).toMatch(/ETA -$/);
    expect(first({ ...state, bytesPerSecond: 0 })).toMatch(/0 B\/s, ETA -$/);
    const almost = { ...counts, bytesDone: counts.bytesTotal - 1024 };
    expect(first({ ...state, counts: almost })).toMatch(/ETA 1s$/);
    expect(first({ ...state, counts: { ...counts, bytesDone: counts.bytesTotal } })).toMatch(
      /100%, 8\.0 MiB\/s, ETA -$/,
    );
  });

  it('lists as many files as it is given room for, and says how many more', () => {
    expect(renderBlock(state, 80, 0)).toHaveLength(3);
    expect(renderBlock(state, 80, 1).slice(3)).toEqual([
      'Transferring:',
      '  45%    3.5 MiB  photos/img_0001.jpg',
      '  … and 3 more',
    ]);
  });
});
