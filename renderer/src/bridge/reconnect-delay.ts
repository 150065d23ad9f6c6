const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/**
 * How long to wait before reconnection attempt `attempt` (1, 2, …): doubling from 0.5 s up to
 * 15 s, jittered by ±25 % so several open tabs do not knock on a restarted server together.
 */
export function reconnectDelay(attempt: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 10));
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** exponent);
  return Math.round(base * (0.75 + 0.5 * random()));
}
