import { describe, expect, it } from 'vitest';

import { formatDuration, formatRemaining } from '../../../../../main/cli/format-duration.js';
import { formatBytes, formatSpeed } from '../../../../../main/cli/progress/format-bytes.js';

describe('CLI units: binary sizes and short durations', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1024 * 1024 - 1, '1.0 MiB'], // never "1024.0 KiB"
    [117.6 * 1024 * 1024, '117.6 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [-5, '0 B'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('speeds', () => {
    expect(formatSpeed(8 * 1024 * 1024)).toBe('8.0 MiB/s');
    expect(formatSpeed(0)).toBe('0 B/s');
  });

  it.each([
    [0, false, '0s'],
    [4_500, true, '4.5s'],
    [4_500, false, '5s'],
    [59_000, false, '59s'],
    [125_000, true, '2m 5s'],
    [3_900_000, false, '1h 5m'],
  ])('%d ms (tenths %s) is %s', (ms, tenths, text) => {
    expect(formatDuration(ms, tenths)).toBe(text);
  });

  it('token times keep their wording', () => {
    expect(formatRemaining(899_000)).toBe('in 14m 59s');
    expect(formatRemaining(-3_000)).toBe('expired 3s ago');
  });
});
