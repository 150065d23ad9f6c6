import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../../app/credentials/credential-broker.js';
import { MIN_SPACING_MS, RefreshScheduler } from '../../../../app/credentials/refresh-scheduler.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { CredentialSource } from '../../../../app/ports/credential-source.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';

const SECOND = 1_000;
const MINUTE = 60_000;

/** A seeded [0, 1) sequence: real jitter, reproducible. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function setup(lifetimeMs: number, wrap?: (source: CredentialSource) => CredentialSource) {
  const clock = new FakeClock();
  const sts = new FakeSts(clock, lifetimeMs);
  const callTimes: number[] = [];
  const recording: CredentialSource = () => {
    callTimes.push(clock.now());
    return sts.source();
  };
  const broker = new CredentialBroker({
    label: 'ceph',
    source: wrap ? wrap(recording) : recording,
    clock,
    random: seeded(7),
  });
  const scheduler = new RefreshScheduler({ broker, clock });
  return { clock, sts, broker, scheduler, callTimes };
}

/** Lets time pass a second at a time, as the real timers would. */
async function pass(clock: FakeClock, ms: number): Promise<void> {
  await clock.advance(0);
  for (let left = ms; left > 0; left -= SECOND) await clock.advance(Math.min(SECOND, left));
}

const stsDown = () =>
  new SyncError('sts-unreachable', 'retry', 'Cannot reach STS at http://sts (ECONNREFUSED).');

describe('RefreshScheduler', () => {
  it('fetches the first token as soon as it starts, with nothing asking for one', async () => {
    const { clock, broker, scheduler, callTimes } = setup(60 * MINUTE);
    const started = clock.now();
    scheduler.start();
    await clock.advance(0);
    expect(callTimes).toEqual([started]);
    expect(broker.status().state).toBe('valid');
    await scheduler.stop();
  });

  for (const lifetimeMs of [20 * SECOND, 3 * MINUTE, 60 * MINUTE]) {
    it(`keeps an idle engine's ${lifetimeMs / SECOND} s token valid for 6 lifetimes, refreshing exactly when the status said`, async () => {
      const { clock, broker, scheduler, callTimes } = setup(lifetimeMs);
      scheduler.start();
      await clock.advance(0);
      const step = Math.max(SECOND, lifetimeMs / 200);
      const promised = new Set<number>();
      const end = clock.now() + 6 * lifetimeMs;
      while (clock.now() < end) {
        const status = broker.status();
        // Never an expired token, never an error, and the refresh shown is still ahead.
        expect(status.state).not.toBe('failing');
        expect(status.expiresAt).not.toBeNull();
        expect(status.expiresAt ?? 0).toBeGreaterThan(clock.now());
        expect(status.nextRefreshAt ?? 0).toBeGreaterThanOrEqual(clock.now());
        expect(status.nextRefreshAt ?? Infinity).toBeLessThan(status.expiresAt ?? 0);
        promised.add(status.nextRefreshAt ?? 0);
        await clock.advance(step);
      }
      // Every refresh after the first happened at a time the status had shown in advance.
      const refreshes = callTimes.slice(1);
      expect(refreshes.length).toBeGreaterThanOrEqual(6);
      for (const at of refreshes) expect(promised.has(at)).toBe(true);
      await scheduler.stop();
    });
  }

  it('backs off after failures, shows the reason and the next attempt, and attempts exactly then', async () => {
    const { clock, sts, broker, scheduler, callTimes } = setup(3 * MINUTE);
    scheduler.start();
    await clock.advance(0);
    const refreshAt = broker.status().nextRefreshAt ?? 0;
    sts.failNext(stsDown(), stsDown(), stsDown());
    await clock.advance(refreshAt - clock.now());
    expect(callTimes.at(-1)).toBe(refreshAt);

    for (let failure = 1; failure <= 3; failure++) {
      const status = broker.status();
      expect(status.state).toBe('failing');
      expect(status.lastError?.code).toBe('sts-unreachable');
      expect(status.retryAt).toBeGreaterThan(clock.now());
      expect(status.nextRefreshAt).toBe(status.retryAt);
      const shown = status.retryAt ?? 0;
      const calls = callTimes.length;
      await clock.advance(shown - clock.now() - 1);
      expect(callTimes.length).toBe(calls); // not before the time shown
      await clock.advance(1);
      expect(callTimes.at(-1)).toBe(shown);
    }
    expect(broker.status().state).toBe('valid');
    expect(broker.status().lastError).toBeNull();
    expect(broker.status().expiresAt ?? 0).toBeGreaterThan(clock.now());
    await scheduler.stop();
  });

  it('leaves no timer behind once stopped: time passing calls the source no more', async () => {
    const { clock, scheduler, callTimes } = setup(20 * SECOND);
    scheduler.start();
    await pass(clock, 45 * SECOND);
    const calls = callTimes.length;
    expect(calls).toBeGreaterThanOrEqual(3);
    await scheduler.stop();
    await pass(clock, 10 * MINUTE);
    expect(callTimes.length).toBe(calls);
  });

  it('does not turn a source whose tokens are due on arrival into a busy loop', async () => {
    const { clock, scheduler, callTimes } = setup(1);
    scheduler.start();
    await pass(clock, 10 * SECOND);
    await scheduler.stop();
    // Refreshing, but one per MIN_SPACING_MS at most (+1 for the first).
    expect(callTimes.length).toBeGreaterThanOrEqual(5);
    expect(callTimes.length).toBeLessThanOrEqual((10 * SECOND) / MIN_SPACING_MS + 1);
  });

  it('shares a due refresh with a caller of get(): one source call', async () => {
    const { clock, sts, broker, scheduler } = setup(3 * MINUTE);
    scheduler.start();
    await clock.advance(0);
    const release = sts.hold();
    await clock.advance((broker.status().nextRefreshAt ?? 0) - clock.now());
    expect(broker.status().state).toBe('refreshing');
    const got = broker.refreshNow();
    release();
    await got;
    expect(sts.calls).toBe(2);
    await scheduler.stop();
  });
});
