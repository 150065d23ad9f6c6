/**
 * The CLI's one size formatter: binary units (1 KiB = 1024 B), as the README, `--max-upload-bytes`
 * and rclone use (issue 13: the UI's MB and the CLI's MiB disagreed).
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** "0 B", "999 B", "1.0 KiB", "117.6 MiB"; one decimal above bytes. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  // 1023.96 KiB would print as "1024.0 KiB": move up once the rounded value reaches 1024.
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** "8.0 MiB/s"; "0 B/s" when nothing moves. */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}
