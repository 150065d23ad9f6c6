const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Decimal units (1 kB = 1000 B), as the unit names Intl prints say. */
function scale(bytes: number): { value: number; unit: (typeof UNITS)[number] | null } {
  let value = bytes;
  let unit: (typeof UNITS)[number] | null = null;
  for (const next of UNITS) {
    if (Math.abs(value) < 1000) break;
    value /= 1000;
    unit = next;
  }
  return { value, unit };
}

function formatScaled(bytes: number, locale: string, perSecond: boolean): string {
  const { value, unit } = scale(Math.max(0, bytes));
  const digits = unit === null || value >= 100 ? 0 : 1;
  if (unit === null) {
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    return perSecond ? `${number} B/s` : `${number} B`;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: perSecond ? `${unit}-per-second` : unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** "12 B", "1.5 kB", "340 MB". */
export function formatBytes(bytes: number, locale: string): string {
  return formatScaled(bytes, locale, false);
}

/** "1.2 MB/s" (zh: "1.2 MB/秒"). */
export function formatSpeed(bytesPerSecond: number, locale: string): string {
  return formatScaled(bytesPerSecond, locale, true);
}

/** Whole percent, never 100 before the last byte is sent. */
export function percentDone(bytesDone: number, size: number): number {
  if (size <= 0) return 0;
  const percent = Math.floor((bytesDone / size) * 100);
  return Math.max(0, Math.min(100, percent));
}
