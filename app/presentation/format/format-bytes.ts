/**
 * The one byte-count formatter (issue 14: the CLI, the window and the tray each had one). The CLI
 * and the window use binary units (1 KiB = 1024 B), as the README, `--max-upload-bytes` and
 * rclone do (issue 13: the window's MB and the CLI's MiB disagreed); the tray's speed keeps
 * decimal units, as file managers show speeds. A style says which, and how numbers read.
 */

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const DECIMAL = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

export interface ByteStyle {
  /** 1024 (default): B, KiB, MiB…; 1000: B, KB, MB… */
  readonly base?: 1024 | 1000;
  /** Values below this show one decimal (bytes never do): 100 → "1.5 KiB", "345 MiB".
   *  Default: always one decimal above bytes ("117.6 MiB", the CLI). */
  readonly decimalsBelow?: number;
  /** Writes the number in the UI's language ("1,023"); default: plain digits. */
  readonly number?: (value: number, fractionDigits: number) => string;
}

/** "0 B", "1.5 KiB", "117.6 MiB"; never "1024.0 KiB" (that is "1.0 MiB"). Negative reads 0. */
export function formatBytes(bytes: number, style: ByteStyle = {}): string {
  const base = style.base ?? 1024;
  const units = base === 1024 ? BINARY : DECIMAL;
  const below = style.decimalsBelow ?? Number.POSITIVE_INFINITY;
  const digitsAt = (index: number, value: number) => (index === 0 || value >= below ? 0 : 1);
  let value = Math.max(0, bytes);
  let index = 0;
  // Move up while the number as printed reaches the base: 1023.96 KiB would print "1024.0 KiB".
  while (index < units.length - 1 && Number(value.toFixed(digitsAt(index, value))) >= base) {
    value /= base;
    index += 1;
  }
  const digits = digitsAt(index, value);
  const number = style.number ? style.number(value, digits) : value.toFixed(digits);
  return `${number} ${units[index] ?? 'B'}`;
}

/** "8.0 MiB/s"; `perSecond` is the language's suffix ("/秒"). */
export function formatSpeed(
  bytesPerSecond: number,
  style: ByteStyle & { readonly perSecond?: string } = {},
): string {
  return `${formatBytes(bytesPerSecond, style)}${style.perSecond ?? '/s'}`;
}
