/** "14m 59s", "2h 5m", "expired 3s ago": how long until a token expires, for people. */
export function formatRemaining(milliseconds: number): string {
  const text = formatDuration(Math.abs(milliseconds));
  return milliseconds < 0 ? `expired ${text} ago` : `in ${text}`;
}

/**
 * "45s", "2m 5s", "1h 5m" (elapsed time, ETA). With `tenths`, times under 10 s keep a decimal
 * ("4.5s"), so a short run's elapsed time and average speed agree.
 */
export function formatDuration(milliseconds: number, tenths = false): string {
  const ms = Math.max(0, milliseconds);
  if (tenths && ms < 9_950) return `${(ms / 1000).toFixed(1)}s`;
  let seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return hours > 0
    ? `${hours}h ${minutes}m`
    : minutes > 0
      ? `${minutes}m ${seconds}s`
      : `${seconds}s`;
}
