import {
  formatBytes as formatAnyBytes,
  formatSpeed as formatAnySpeed,
  type ByteStyle,
} from '../../../app/presentation/format/format-bytes.js';

/**
 * Binary units (1 KiB = 1024 B), as the CLI and the README print them (issue 13: the UI said MB
 * while the CLI said MiB, and a 4 MiB/s limit read as "4.2 MB/s"). The window's binding of the
 * shared formatter (app/presentation/format/format-bytes.ts): every byte count and speed in the
 * window goes through here.
 */

/** "/s" in English; Chinese UIs write the second out (MiB/秒), as they did before. */
function perSecond(locale: string): string {
  return locale.startsWith('zh') ? '/秒' : '/s';
}

/** The window's style of the shared formatter: one decimal below 100, digits in the language. */
function windowStyle(locale: string): ByteStyle {
  return {
    decimalsBelow: 100,
    number: (value, digits) =>
      new Intl.NumberFormat(locale, {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      }).format(value),
  };
}

/** "12 B", "1.5 KiB", "340 MiB". */
export function formatBytes(bytes: number, locale: string): string {
  return formatAnyBytes(bytes, windowStyle(locale));
}

/** "1.2 MiB/s" (zh: "1.2 MiB/秒"). */
export function formatSpeed(bytesPerSecond: number, locale: string): string {
  return formatAnySpeed(bytesPerSecond, { ...windowStyle(locale), perSecond: perSecond(locale) });
}

/** Whole percent, never 100 before the last byte is sent. */
export function percentDone(bytesDone: number, size: number): number {
  if (size <= 0) return 0;
  const percent = Math.floor((bytesDone / size) * 100);
  return Math.max(0, Math.min(100, percent));
}
