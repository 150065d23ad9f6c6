import { describe, expect, it } from 'vitest';

import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { InstantClock } from '../../../fakes/instant-clock.js';

describe('TokenBucket', () => {
  it('is free when unlimited', async () => {
    const clock = new InstantClock();
    const start = clock.now();
    await new TokenBucket(0, clock).take(100 * 1024 * 1024);
    expect(clock.now()).toBe(start);
  });

  it('holds the average rate: 10 MiB at 1 MiB/s takes about 9 s after the 1 s burst', async () => {
    const clock = new InstantClock();
    const bucket = new TokenBucket(1024 * 1024, clock);
    const start = clock.now();
    await bucket.take(10 * 1024 * 1024);
    expect(clock.now() - start).toBeGreaterThanOrEqual(8_900);
    expect(clock.now() - start).toBeLessThanOrEqual(9_100);
  });

  it('serves a small file between the slices of a big part', async () => {
    const clock = new InstantClock();
    const bucket = new TokenBucket(1024 * 1024, clock, 0);
    const order: string[] = [];
    const big = bucket.take(4 * 1024 * 1024).then(() => order.push('big'));
    await new Promise((resolve) => setImmediate(resolve));
    const small = bucket.take(1024).then(() => order.push('small'));
    await Promise.all([big, small]);
    expect(order).toEqual(['small', 'big']);
  });
});
