import {
  formatBytes as formatAnyBytes,
  formatSpeed as formatAnySpeed,
} from '../../../app/presentation/format/format-bytes.js';

/**
 * The CLI's sizes: binary units with one decimal above bytes and plain digits (the shared
 * formatter, app/presentation/format/format-bytes.ts, in its default style).
 */

/** "0 B", "999 B", "1.0 KiB", "117.6 MiB"; one decimal above bytes. */
export function formatBytes(bytes: number): string {
  return formatAnyBytes(bytes);
}

/** "8.0 MiB/s"; "0 B/s" when nothing moves. */
export function formatSpeed(bytesPerSecond: number): string {
  return formatAnySpeed(bytesPerSecond);
}
