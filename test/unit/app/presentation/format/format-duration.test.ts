import { describe, expect, it } from 'vitest';

import {
  durationParts,
  formatDuration,
} from '../../../../../app/presentation/format/format-duration.js';

describe('formatDuration (the one duration formatter; callers choose a style)', () => {
  it('shows the largest unit that is not zero and the one after it', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(12_999)).toBe('12s');
    expect(formatDuration(249_000)).toBe('4m 9s');
    expect(formatDuration(3_900_000)).toBe('1h 5m');
    expect(formatDuration(183_600_000)).toBe('2d 3h');
    expect(formatDuration(-5_000)).toBe('0s');
  });

  it('rounds down unless asked to round (a countdown never promises more time)', () => {
    expect(formatDuration(59_600)).toBe('59s');
    expect(formatDuration(59_600, { rounding: 'round' })).toBe('1m 0s');
  });

  it('counts hours past a day when hours are the largest unit', () => {
    expect(formatDuration(49 * 3_600_000, { largest: 'h' })).toBe('49h 0m');
  });

  it('keeps a decimal under 10 s when asked', () => {
    expect(formatDuration(4_500, { tenthsUnder10s: true })).toBe('4.5s');
    expect(formatDuration(9_960, { tenthsUnder10s: true, rounding: 'round' })).toBe('10s');
  });

  it('can show minutes alone, drop a zero second unit and pad it', () => {
    expect(formatDuration(299_000, { minutesAlone: true })).toBe('4m');
    expect(formatDuration(3_600_000, { dropZero: true })).toBe('1h');
    expect(formatDuration(3_660_000, { padSecond: true })).toBe('1h 01m');
  });

  it('lets the caller word the units', () => {
    const words = chineseWords();
    expect(formatDuration(3_660_000, { words })).toBe('1 小时 1 分');
    expect(formatDuration(7_000, { words })).toBe('7 秒');
  });

  it('splits a duration into whole units', () => {
    expect(durationParts(93_784_500)).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(durationParts(93_784_500, 'round')).toEqual({
      days: 1,
      hours: 2,
      minutes: 3,
      seconds: 5,
    });
  });
});

function chineseWords() {
  const name = { d: '天', h: '小时', m: '分', s: '秒' } as const;
  return (
    first: { unit: keyof typeof name; value: string },
    second: { unit: keyof typeof name; value: string } | null,
  ) =>
    [first, second]
      .filter((amount) => amount !== null)
      .map((amount) => `${amount.value} ${name[amount.unit]}`)
      .join(' ');
}
