import { formatDuration as formatAnyDuration } from '../../app/presentation/format/format-duration.js';

/** "14m 59s", "2h 5m", "expired 3s ago": how long until a token expires, for people. */
export function formatRemaining(milliseconds: number): string {
  const text = formatDuration(Math.abs(milliseconds));
  return milliseconds < 0 ? `expired ${text} ago` : `in ${text}`;
}

/**
 * "45s", "2m 5s", "1h 5m" (elapsed time, ETA): to the nearest second, hours past a day counted
 * as hours. With `tenths`, times under 10 s keep a decimal ("4.5s"), so a short run's elapsed
 * time and average speed agree. The arithmetic is the shared formatter's
 * (app/presentation/format/format-duration.ts).
 */
export function formatDuration(milliseconds: number, tenths = false): string {
  return formatAnyDuration(milliseconds, {
    largest: 'h',
    rounding: 'round',
    tenthsUnder10s: tenths,
  });
}
