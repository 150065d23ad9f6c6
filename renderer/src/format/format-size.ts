/**
 * Binary units (1 KiB = 1024 B), as the CLI and the README print them (issue 13: the UI said MB
 * while the CLI said MiB, and a 4 MiB/s limit read as "4.2 MB/s"). The one size formatter of
 * the window: every byte count and speed goes through here.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** "/s" in English; Chinese UIs write the second out (MiB/秒), as they did before. */
function perSecond(locale: string): string {
  return locale.startsWith('zh') ? '/秒' : '/s';
}

function scale(bytes: number): { value: number; unit: (typeof UNITS)[number]; digits: number } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (index < UNITS.length - 1 && value >= 1024) {
    value /= 1024;
    index += 1;
  }
  let digits = index === 0 || value >= 100 ? 0 : 1;
  // 1023.97 KiB would print "1,024.0 KiB": the next unit says it better.
  if (index > 0 && index < UNITS.length - 1 && Number(value.toFixed(digits)) >= 1024) {
    value /= 1024;
    index += 1;
    digits = 1;
  }
  return { value, unit: UNITS[index] ?? 'B', digits };
}

function formatScaled(bytes: number, locale: string): string {
  const { value, unit, digits } = scale(bytes);
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
  return `${number} ${unit}`;
}

/** "12 B", "1.5 KiB", "340 MiB". */
export function formatBytes(bytes: number, locale: string): string {
  return formatScaled(bytes, locale);
}

/** "1.2 MiB/s" (zh: "1.2 MiB/秒"). */
export function formatSpeed(bytesPerSecond: number, locale: string): string {
  return `${formatScaled(bytesPerSecond, locale)}${perSecond(locale)}`;
}

/** Whole percent, never 100 before the last byte is sent. */
export function percentDone(bytesDone: number, size: number): number {
  if (size <= 0) return 0;
  const percent = Math.floor((bytesDone / size) * 100);
  return Math.max(0, Math.min(100, percent));
}
