/**
 * How long a data-plane request may go without progress before it is given up (and retried as a
 * `network` error by Ferry's retry decorator). Never a bound on the whole request: a 5 GiB part
 * on a slow link legitimately takes hours, so only "nothing moved" is a failure.
 */
export interface StallTimeouts {
  /** TCP (and proxy) connect: a host that never answers the SYN. */
  readonly connectMs: number;
  /** No byte sent or received on the socket for this long: the connection is stalled. */
  readonly idleMs: number;
}

/**
 * 10 s to connect, 60 s without a byte. 60 s is far above any healthy pause (S3 answers a
 * Complete of 10,000 parts within seconds and sends whitespace while it works, AWS S3 API
 * reference "CompleteMultipartUpload"), and short enough that a stalled upload resumes within
 * about a minute.
 */
export const DEFAULT_STALL_TIMEOUTS: StallTimeouts = { connectMs: 10_000, idleMs: 60_000 };

/**
 * The slowest average upload speed that the OSS client accepts for a whole request: 32 KiB/s
 * (256 kbit/s). urllib 2.x, which ali-oss 6 uses, has no idle timeout: its "response timer" runs
 * from the connect to the end of the answer (urllib lib/urllib.js `startResposneTimer`, cleared
 * only in `done`), so its limit must grow with the body or a large part could never finish.
 */
export const SLOWEST_OSS_BYTES_PER_SECOND = 32 * 1024;

/**
 * urllib's `timeout: [connect, response]` for a request carrying `bodyBytes`: the idle allowance
 * plus the time the body takes at the slowest accepted speed. A 16 MiB part gets 60 + 512 s; a
 * bodiless HEAD or DELETE just the idle allowance.
 */
export function urllibTimeouts(
  bodyBytes: number,
  timeouts: StallTimeouts = DEFAULT_STALL_TIMEOUTS,
): [connectMs: number, responseMs: number] {
  const bytes = Number.isFinite(bodyBytes) && bodyBytes > 0 ? bodyBytes : 0;
  const transferMs = Math.ceil((bytes / SLOWEST_OSS_BYTES_PER_SECOND) * 1000);
  return [timeouts.connectMs, timeouts.idleMs + transferMs];
}
