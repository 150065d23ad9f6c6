import { describe, expect, it } from 'vitest';

import {
  DEFAULT_STALL_TIMEOUTS,
  SLOWEST_OSS_BYTES_PER_SECOND,
  urllibTimeouts,
} from '../../../../../main/adapters/network/stall-timeouts.js';
import { stallLimits } from '../../../../../main/adapters/s3/s3-client-factory.js';

const MiB = 1024 * 1024;

describe('stall timeouts', () => {
  it('defaults to 10 s to connect and 60 s without a byte', () => {
    expect(DEFAULT_STALL_TIMEOUTS).toEqual({ connectMs: 10_000, idleMs: 60_000 });
  });

  it('gives the S3 handler a connect and an idle (socket) limit, never a total one', () => {
    const limits = stallLimits({ connectMs: 1_000, idleMs: 2_000 });
    expect(limits).toEqual({ connectionTimeout: 1_000, socketTimeout: 2_000 });
    expect(limits).not.toHaveProperty('requestTimeout');
  });

  it('gives a bodiless OSS request just the idle allowance', () => {
    expect(urllibTimeouts(0)).toEqual([10_000, 60_000]);
    expect(urllibTimeouts(Number.NaN)).toEqual([10_000, 60_000]);
    expect(urllibTimeouts(-5)).toEqual([10_000, 60_000]);
  });

  it('grows the OSS response limit with the body at the slowest accepted speed', () => {
    expect(SLOWEST_OSS_BYTES_PER_SECOND).toBe(32 * 1024);
    expect(urllibTimeouts(16 * MiB)).toEqual([10_000, 60_000 + 512_000]);
    // A 5 GiB part (S3/OSS maximum) at 32 KiB/s: over 45 hours, so a slow link still finishes.
    const [, fiveGiB] = urllibTimeouts(5 * 1024 * MiB);
    expect(fiveGiB).toBe(60_000 + 163_840_000);
    expect(urllibTimeouts(1, { connectMs: 5, idleMs: 7 })).toEqual([5, 7 + 1]); // rounded up to whole ms;
  });
});
