import { describe, expect, it } from 'vitest';

import { planRefresh } from '../../../../app/credentials/refresh-timing.js';
import { backoffDelay } from '../../../../app/retry/backoff.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('planRefresh', () => {
  it.each([
    // lifetime, random, refresh this long before expiry, stop handing out this long before expiry
    ['12 h', 12 * h, 0, 5 * m, 60 * s],
    ['1 h', h, 0, 5 * m, 60 * s],
    ['1 h, full jitter', h, 1, 6.25 * m, 60 * s],
    ['15 min', 15 * m, 0, 3 * m, 60 * s],
    ['60 s', 60 * s, 0, 12 * s, 6 * s],
    ['10 s', 10 * s, 0.5, 2.25 * s, 1 * s],
  ])('%s token', (_name, lifetime, random, refreshBefore, usableBefore) => {
    const obtainedAt = 1_000_000;
    const expiresAt = obtainedAt + lifetime;
    expect(planRefresh(obtainedAt, expiresAt, () => random)).toEqual({
      refreshAt: expiresAt - refreshBefore,
      usableUntil: expiresAt - usableBefore,
    });
  });

  it('always refreshes before it stops handing a token out', () => {
    for (const lifetime of [1 * s, 30 * s, 15 * m, h, 12 * h]) {
      for (const random of [0, 0.5, 0.999]) {
        const timing = planRefresh(0, lifetime, () => random);
        expect(timing.refreshAt).toBeLessThan(timing.usableUntil);
      }
    }
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 8000 };
  it.each([
    [1, 0, 500],
    [1, 0.999_999, 1000],
    [2, 0, 1000],
    [3, 0, 2000],
    [4, 0.5, 6000],
    [5, 0, 4000],
    [50, 0.999_999, 8000],
    [0, 0, 500],
  ])('attempt %d, random %d → %d ms', (attempt, random, expected) => {
    expect(backoffDelay(policy, attempt, () => random)).toBe(expected);
  });
});
