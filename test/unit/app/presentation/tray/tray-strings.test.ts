import { describe, expect, it } from 'vitest';

import {
  formatSpeed,
  trayLocale,
  trayStrings,
  type TrayLocale,
} from '../../../../../app/presentation/tray/tray-strings.js';

describe('trayLocale', () => {
  it.each<[string, TrayLocale]>([
    ['en-US', 'en'],
    ['en', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh_TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['ZH-hant-CN', 'zh-TW'],
  ])('%j → %s', (osLocale, expected) => {
    expect(trayLocale(osLocale)).toBe(expected);
    expect(trayStrings(osLocale).locale).toBe(expected);
  });
});

describe('duration', () => {
  const en = trayStrings('en');
  it.each<[number, string]>([
    [-5_000, '0 s'],
    [0, '0 s'],
    [45_900, '45 s'],
    [60_000, '1 min'],
    [4 * 60_000 + 59_000, '4 min'],
    [59 * 60_000 + 59_000, '59 min'],
    [3_600_000, '1 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
  ])('%d ms → %s', (ms, expected) => {
    expect(en.duration(ms)).toBe(expected);
  });

  it('speaks the locale', () => {
    expect(trayStrings('zh-CN').duration(4 * 60_000)).toBe('4 分钟');
    expect(trayStrings('zh-TW').duration(2 * 3_600_000 + 60_000)).toBe('2 小時 1 分鐘');
  });
});

describe('formatSpeed', () => {
  it.each<[number, string]>([
    [0, '0 B/s'],
    [999, '999 B/s'],
    [1_000, '1.0 KB/s'],
    [850_000, '850 KB/s'],
    [3_400_000, '3.4 MB/s'],
    [12_345_678, '12 MB/s'],
    [2_500_000_000, '2.5 GB/s'],
    [-1, '0 B/s'],
  ])('%d B/s → %s', (bytesPerSecond, expected) => {
    expect(formatSpeed(bytesPerSecond)).toBe(expected);
  });
});

describe('translations', () => {
  it('every language explains the same error codes', () => {
    const codes = Object.keys(trayStrings('en').errorReasons).sort();
    expect(Object.keys(trayStrings('zh-CN').errorReasons).sort()).toEqual(codes);
    expect(Object.keys(trayStrings('zh-TW').errorReasons).sort()).toEqual(codes);
  });

  it('no language leaves a menu label empty or untranslated', () => {
    const en = trayStrings('en').menu;
    for (const locale of ['zh-CN', 'zh-TW']) {
      const menu = trayStrings(locale).menu;
      for (const [key, value] of Object.entries(menu)) {
        if (typeof value !== 'string') continue;
        expect(value, `${locale} menu.${key}`).not.toBe('');
        expect(value, `${locale} menu.${key}`).not.toBe(en[key as keyof typeof en]);
      }
    }
  });
});
