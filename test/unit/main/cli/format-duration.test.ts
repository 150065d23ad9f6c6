import { describe, expect, it } from 'vitest';

import { formatRemaining } from '../../../../main/cli/format-duration.js';

describe('formatRemaining', () => {
  it.each([
    [0, 'in 0s'],
    [59_400, 'in 59s'],
    [60_000, 'in 1m 0s'],
    [899_600, 'in 15m 0s'],
    [3_600_000, 'in 1h 0m'],
    [43_200_000, 'in 12h 0m'],
    [-3_000, 'expired 3s ago'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});
