/** Time, injected so that token expiry and backoff can be tested without waiting. */
export interface Clock {
  /** Milliseconds since the Unix epoch. Monotonic enough for scheduling; may jump with NTP. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time (immediately for ms <= 0). */
  sleep(ms: number): Promise<void>;
}
