import { describe, expect, it } from 'vitest';

import {
  durationParts,
  formatDuration,
  formatExpiry,
} from '../../../../../renderer/src/format/format-duration.js';
import {
  formatBytes,
  formatSpeed,
  percentDone,
} from '../../../../../renderer/src/format/format-size.js';
import { formatClock, formatRelative } from '../../../../../renderer/src/format/format-time.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';

const en = createI18n('en');
const zhCN = createI18n('zh-CN');
const zhTW = createI18n('zh-TW');

describe('sizes and speeds', () => {
  it('uses binary units (KiB, MiB, GiB), one decimal below 100, as the CLI does (issue 13)', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1_023, 'en')).toBe('1,023 B');
    expect(formatBytes(1_536, 'en')).toBe('1.5 KiB');
    expect(formatBytes(12 * 1024 * 1024 + 300 * 1024, 'en')).toBe('12.3 MiB');
    expect(formatBytes(345 * 1024 ** 2, 'en')).toBe('345 MiB');
    expect(formatBytes(1024 ** 2 - 10, 'en')).toBe('1.0 MiB'); // not "1,024.0 KiB"
    expect(formatBytes(2 * 1024 ** 4, 'en')).toBe('2.0 TiB');
  });

  it('formats speeds per second in the language; a 4 MiB/s limit reads 4.0 MiB/s', () => {
    expect(formatSpeed(4 * 1024 ** 2, 'en')).toBe('4.0 MiB/s');
    expect(formatSpeed(3.2 * 1024 ** 2, 'zh-CN')).toBe('3.2 MiB/秒');
    expect(formatSpeed(3.2 * 1024 ** 2, 'zh-TW')).toBe('3.2 MiB/秒');
    expect(formatSpeed(12, 'en')).toBe('12 B/s');
  });

  it('never shows 100 % before the last byte', () => {
    expect(percentDone(999, 1_000)).toBe(99);
    expect(percentDone(1_000, 1_000)).toBe(100);
    expect(percentDone(5, 0)).toBe(0);
  });
});

describe('durations and countdowns', () => {
  it('splits a duration into whole units', () => {
    expect(durationParts(93_784_500)).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(durationParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('shows the two largest units', () => {
    expect(formatDuration(12_000, en)).toBe('12s');
    expect(formatDuration(249_000, en)).toBe('4m 09s');
    expect(formatDuration(3_900_000, en)).toBe('1h 05m');
    expect(formatDuration(183_600_000, en)).toBe('2d 03h');
    expect(formatDuration(249_000, zhCN)).toBe('4 分 09 秒');
    expect(formatDuration(3_900_000, zhTW)).toBe('1 小時 05 分');
  });

  it('counts down to expiry and up after it', () => {
    const now = 1_700_000_000_000;
    expect(formatExpiry(now + 299_000, now, en)).toBe('Expires in 4m 59s');
    expect(formatExpiry(now - 120_000, now, en)).toBe('Expired 2m 00s ago');
    expect(formatExpiry(null, now, en)).toBe('No token yet');
    expect(formatExpiry(now + 59_000, now, zhCN)).toBe('59 秒后过期');
    expect(formatExpiry(now + 59_000, now, zhTW)).toBe('59 秒後到期');
  });
});

describe('times', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);

  it('describes recent times relatively', () => {
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now - 20_000, now, 'en')).toBe('20 seconds ago');
    expect(formatRelative(now + 2 * 3_600_000, now, 'en')).toBe('in 2 hours');
    expect(formatRelative(now - 3 * 60_000, now, 'zh-CN')).toBe('3分钟前');
  });

  it('adds the date only when it is not today', () => {
    expect(formatClock(now - 60_000, now, 'en')).not.toMatch(/2026/);
    expect(formatClock(now - 3 * 86_400_000, now, 'en')).toMatch(/2026/);
  });
});

describe('plurals', () => {
  it('picks the plural form by the language’s rules', () => {
    expect(en.tp('retried', 1)).toBe('Retrying 1 transfer');
    expect(en.tp('retried', 1_200)).toBe('Retrying 1,200 transfers');
    expect(zhCN.tp('retried', 1)).toBe('正在重试 1 个传输');
  });

  it('leaves an unfilled placeholder visible', () => {
    expect(en.t('expiryIn')).toBe('Expires in {duration}');
  });
});
