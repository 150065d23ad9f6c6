import { describe, expect, it } from 'vitest';

import { formatBytes, formatSpeed } from '../../../../../app/presentation/format/format-bytes.js';

describe('formatBytes (the one byte formatter; callers choose a style)', () => {
  it('uses binary units with one decimal above bytes by default', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1_023)).toBe('1023 B');
    expect(formatBytes(1_536)).toBe('1.5 KiB');
    expect(formatBytes(345 * 1024 ** 2)).toBe('345.0 MiB');
    expect(formatBytes(-1)).toBe('0 B');
  });

  it('moves up a unit when the printed number would reach the base', () => {
    expect(formatBytes(1024 ** 2 - 1)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 2 - 10, { decimalsBelow: 100 })).toBe('1.0 MiB');
    expect(formatBytes(999_700, { base: 1000, decimalsBelow: 10 })).toBe('1.0 MB');
  });

  it('drops the decimal from the given size up, and writes numbers as asked', () => {
    expect(formatBytes(345 * 1024 ** 2, { decimalsBelow: 100 })).toBe('345 MiB');
    const grouped = (value: number, digits: number) =>
      new Intl.NumberFormat('en', { minimumFractionDigits: digits }).format(value);
    expect(formatBytes(1_023, { number: grouped })).toBe('1,023 B');
  });

  it('speaks decimal units when asked, and speeds take the language’s suffix', () => {
    expect(formatSpeed(3_400_000, { base: 1000, decimalsBelow: 10 })).toBe('3.4 MB/s');
    expect(formatSpeed(8 * 1024 ** 2)).toBe('8.0 MiB/s');
    expect(formatSpeed(3.2 * 1024 ** 2, { perSecond: '/秒' })).toBe('3.2 MiB/秒');
  });
});
