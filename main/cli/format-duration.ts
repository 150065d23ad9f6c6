/** "14m 59s", "2h 5m", "expired 3s ago": how long until a token expires, for people. */
export function formatRemaining(milliseconds: number): string {
  const expired = milliseconds < 0;
  let seconds = Math.round(Math.abs(milliseconds) / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text =
    hours > 0 ? `${hours}h ${minutes}m` : minutes > 0 ? `${minutes}m ${seconds}s` : `${seconds}s`;
  return expired ? `expired ${text} ago` : `in ${text}`;
}
