import { describe, expect, it } from 'vitest';

import {
  formatPartSize,
  MAX_PART_BYTES,
  MAX_PARTS,
  partSizeFor,
} from '../../../../app/transfer/part-size.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('partSizeFor', () => {
  it.each([
    ['a small file', 100 * MiB, 8 * MiB, 8 * MiB],
    ['exactly 10,000 parts', 10_000 * 8 * MiB, 8 * MiB, 8 * MiB],
    ['one byte more needs 9 MiB parts', 10_000 * 8 * MiB + 1, 8 * MiB, 9 * MiB],
    ['100 GiB at 8 MiB', 100 * GiB, 8 * MiB, 11 * MiB],
    ['1 TiB at 8 MiB', 1024 * GiB, 8 * MiB, 105 * MiB],
    ['5 TiB (the S3 object limit)', 5 * 1024 * GiB, 8 * MiB, 525 * MiB],
    ['a configured size large enough stays', 200 * GiB, 64 * MiB, 64 * MiB],
  ])('%s', (_name, fileSize, configured, expected) => {
    const size = partSizeFor(fileSize, configured);
    expect(size).toBe(expected);
    expect(Math.ceil(fileSize / size)).toBeLessThanOrEqual(MAX_PARTS);
    expect(size % MiB === 0 || size === configured).toBe(true);
  });

  it('is the smallest whole MiB that fits', () => {
    for (const fileSize of [80 * GiB, 123_456_789_012, 3 * 1024 * GiB + 17]) {
      const size = partSizeFor(fileSize, 5 * MiB);
      expect(Math.ceil(fileSize / size)).toBeLessThanOrEqual(MAX_PARTS);
      expect(Math.ceil(fileSize / (size - MiB))).toBeGreaterThan(MAX_PARTS);
    }
  });

  it('refuses a file that needs parts over 5 GiB', () => {
    expect(partSizeFor(MAX_PARTS * MAX_PART_BYTES, 8 * MiB)).toBe(MAX_PART_BYTES);
    expect(() => partSizeFor(MAX_PARTS * MAX_PART_BYTES + 1, 8 * MiB)).toThrow(
      expect.objectContaining({ code: 'unsupported', disposition: 'no-retry' }),
    );
  });

  it('formats sizes', () => {
    expect(formatPartSize(11 * MiB)).toBe('11 MiB');
    expect(formatPartSize(5_000_000)).toBe('5000000 bytes');
  });
});
