import { describe, expect, it } from 'vitest';

import {
  CredentialBroker,
  type CredentialBrokerOptions,
} from '../../../../app/credentials/credential-broker.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { FakeClock, flushMicrotasks } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';
import { rejection } from '../../../support/rejection.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function setup(lifetimeMs = HOUR, overrides: Partial<CredentialBrokerOptions> = {}) {
  const clock = new FakeClock();
  const sts = new FakeSts(clock, lifetimeMs);
  const logger = new CaptureLogger();
  const broker = new CredentialBroker({
    label: 'ceph',
    source: sts.source,
    clock,
    logger,
    random: () => 0, // no jitter unless a test sets it
    ...overrides,
  });
  return { clock, sts, logger, broker };
}

const stsDown = () =>
  new SyncError('sts-unreachable', 'retry', 'Cannot reach STS at http://sts (ECONNREFUSED).');

describe('CredentialBroker', () => {
  it('calls the source once and then serves the memoized token', async () => {
    const { sts, broker } = setup();
    const first = await broker.get();
    const second = await broker.get();
    expect(second).toBe(first);
    expect(sts.calls).toBe(1);
  });

  it('keeps serving a one-hour token until five minutes before expiry, then refreshes in the background', async () => {
    const { clock, sts, broker } = setup(HOUR);
    const first = await broker.get();
    await clock.advance(HOUR - 5 * MINUTE - 1);
    expect(await broker.get()).toBe(first);
    expect(sts.calls).toBe(1);

    await clock.advance(1);
    // Inside the refresh window: the caller still gets the current token without waiting...
    expect(await broker.get()).toBe(first);
    await flushMicrotasks();
    // ...and the next caller gets the new one.
    expect(sts.calls).toBe(2);
    expect((await broker.get()).accessKeyId).not.toBe(first.accessKeyId);
  });

  it('refreshes a short token at 80% of its lifetime', async () => {
    const { clock, sts, broker } = setup(60_000);
    await broker.get();
    await clock.advance(47_999);
    await broker.get();
    expect(sts.calls).toBe(1);
    await clock.advance(1);
    await broker.get();
    await flushMicrotasks();
    expect(sts.calls).toBe(2);
  });

  it('spreads refreshes with jitter: a later random draw refreshes earlier', async () => {
    const early = setup(HOUR, { random: () => 0.999 });
    await early.broker.get();
    // margin 5 min + up to 25% jitter: with random≈1 the refresh starts ~6m15s before expiry.
    await early.clock.advance(HOUR - 6 * MINUTE);
    await early.broker.get();
    await flushMicrotasks();
    expect(early.sts.calls).toBe(2);

    const late = setup(HOUR, { random: () => 0 });
    await late.broker.get();
    await late.clock.advance(HOUR - 6 * MINUTE);
    await late.broker.get();
    await flushMicrotasks();
    expect(late.sts.calls).toBe(1);
  });

  it('makes callers wait for a fresh token once the current one is too close to expiry', async () => {
    const { clock, sts, broker } = setup(HOUR);
    const first = await broker.get();
    const release = sts.hold();
    await clock.advance(HOUR - 30_000); // 30 s left: less than the 60 s safety margin
    let settled = false;
    const pending = broker.get().then((c) => {
      settled = true;
      return c;
    });
    await flushMicrotasks();
    expect(settled).toBe(false);
    release();
    const fresh = await pending;
    expect(fresh.accessKeyId).not.toBe(first.accessKeyId);
  });

  it('shares one source call among concurrent callers (single-flight)', async () => {
    const { sts, broker } = setup();
    const release = sts.hold();
    const callers = Array.from({ length: 25 }, () => broker.get());
    await flushMicrotasks();
    release();
    const tokens = await Promise.all(callers);
    expect(sts.calls).toBe(1);
    expect(new Set(tokens.map((t) => t.accessKeyId)).size).toBe(1);
  });

  it('backs off exponentially after failures and does not call the source while waiting', async () => {
    const { clock, sts, broker } = setup(HOUR, {
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      random: () => 0,
    });
    sts.failNext(stsDown(), stsDown(), stsDown());

    const first = await rejection(broker.get());
    expect(first).toBeInstanceOf(SyncError);
    expect(first).toMatchObject({
      code: 'sts-unreachable',
      disposition: 'retry',
      retryAfterMs: 500,
    });
    expect(sts.calls).toBe(1);

    // During the backoff the source is left alone; callers learn how long to wait.
    await clock.advance(499);
    await expect(broker.get()).rejects.toMatchObject({ code: 'sts-unreachable', retryAfterMs: 1 });
    expect(sts.calls).toBe(1);

    // Equal jitter with random=0: delays are half of 1 s, 2 s, 4 s.
    await clock.advance(1);
    await expect(broker.get()).rejects.toMatchObject({ retryAfterMs: 1_000 });
    await clock.advance(1_000);
    await expect(broker.get()).rejects.toMatchObject({ retryAfterMs: 2_000 });
    expect(sts.calls).toBe(3);

    await clock.advance(2_000);
    await expect(broker.get()).resolves.toMatchObject({ accessKeyId: 'FAKEKEY000004' });
    expect(broker.status()).toMatchObject({ state: 'valid', lastError: null, retryAt: null });
  });

  it('caps the backoff at its maximum', async () => {
    const { clock, sts, broker } = setup(HOUR, {
      backoff: { baseMs: 1_000, maxMs: 4_000 },
      random: () => 0.999_999,
    });
    for (let i = 0; i < 8; i++) sts.failNext(stsDown());
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const error = await rejection(broker.get());
      delays.push(error.retryAfterMs ?? -1);
      await clock.advance(error.retryAfterMs ?? 0);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000, 4_000]);
  });

  it('keeps serving the current token while background refreshes fail', async () => {
    const { clock, sts, broker } = setup(HOUR);
    const first = await broker.get();
    sts.failNext(stsDown(), stsDown(), stsDown(), stsDown(), stsDown());
    await clock.advance(HOUR - 4 * MINUTE);
    expect(await broker.get()).toBe(first);
    await flushMicrotasks();
    expect(broker.status()).toMatchObject({
      state: 'failing',
      lastError: { code: 'sts-unreachable' },
    });
    await clock.advance(2 * MINUTE);
    expect(await broker.get()).toBe(first);
  });

  it('refreshNow gets a new token at once, even during the backoff after a failure (the user fixed it)', async () => {
    const { clock, sts, broker } = setup(HOUR, { backoff: { baseMs: 60_000, maxMs: 60_000 } });
    const first = await broker.get();
    await clock.advance(10 * MINUTE);
    const second = await broker.refreshNow();
    expect(second).not.toBe(first);
    expect(broker.status().expiresAt).toBe(second.expiration.getTime());

    sts.failNext(stsDown());
    await expect(broker.refreshNow()).rejects.toMatchObject({ code: 'sts-unreachable' });
    // The current token stays in use; a plain get() would wait out the backoff…
    expect(await broker.get()).toBe(second);
    // …but the user's button does not.
    const third = await broker.refreshNow();
    expect(third).not.toBe(second);
    expect(sts.calls).toBe(4);
  });

  it('refreshNow shares an in-flight refresh instead of starting another', async () => {
    const { sts, broker } = setup();
    const [a, b] = await Promise.all([broker.refreshNow(), broker.refreshNow()]);
    expect(a).toBe(b);
    expect(sts.calls).toBe(1);
  });

  it('keeps a fatal source error fatal, with its hint, so the user learns what to fix', async () => {
    const { sts, broker } = setup();
    sts.failNext(
      new SyncError('sts-denied', 'fatal', 'STS says the secret key is wrong.', {
        hint: 'Run ferry secret set ceph.',
      }),
    );
    await expect(broker.get()).rejects.toMatchObject({
      code: 'sts-denied',
      disposition: 'fatal',
      hint: 'Run ferry secret set ceph.',
    });
    expect(broker.status().lastError).toEqual({
      code: 'sts-denied',
      message: 'STS says the secret key is wrong.',
      hint: 'Run ferry secret set ceph.',
    });
  });

  it('rejects a token that is already expired on arrival and points at the clock', async () => {
    const { sts, broker } = setup(-1_000);
    await expect(broker.get()).rejects.toMatchObject({
      code: 'credentials-unavailable',
      hint: expect.stringContaining('clock'),
    });
    expect(sts.calls).toBe(1);
  });

  it('forceRefresh replaces a rejected token once, however many requests saw it fail', async () => {
    const { sts, broker } = setup();
    const first = await broker.get();
    const rejected = broker.generation;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => broker.forceRefresh(rejected)),
    );
    expect(sts.calls).toBe(2);
    const keys = new Set(results.map((r) => r.accessKeyId));
    expect(keys.size).toBe(1);
    expect(keys.has(first.accessKeyId)).toBe(false);
    // A straggler reporting the old generation gets the new token, no new call.
    await broker.forceRefresh(rejected);
    expect(sts.calls).toBe(2);
  });

  it('generation names the token get() hands out next, also one a request fetches itself', async () => {
    const { clock, sts, broker } = setup(HOUR);
    const before = broker.generation; // nothing held yet: the request will fetch the first
    const first = await broker.get();
    expect(broker.generation).toBe(before);
    // The store rejects the very token the request fetched: that is a reason to refresh.
    const second = await broker.forceRefresh(before);
    expect(sts.calls).toBe(2);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    // A held token past its usable time is not what get() hands out: the next one is.
    const held = broker.generation;
    await clock.advance(HOUR);
    expect(broker.generation).toBe(held + 1);
  });

  it('rate-limits forced refreshes so a real denial cannot become an STS call per file', async () => {
    const { clock, sts, broker } = setup(HOUR, { minForcedRefreshIntervalMs: 10_000 });
    await broker.get();
    await broker.forceRefresh(broker.generation);
    expect(sts.calls).toBe(2);
    await broker.forceRefresh(broker.generation);
    expect(sts.calls).toBe(2);
    await clock.advance(10_000);
    await broker.forceRefresh(broker.generation);
    expect(sts.calls).toBe(3);
  });

  it('reports status changes to listeners without secrets', async () => {
    const { broker, clock } = setup(HOUR);
    const seen: string[] = [];
    broker.onStatus((s) => seen.push(JSON.stringify(s)));
    const token = await broker.get();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const last = JSON.parse(seen.at(-1) ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({
      state: 'valid',
      expiresAt: clock.now() + HOUR,
      lastRefreshAt: clock.now(),
    });
    expect(seen.join('\n')).not.toContain(token.secretAccessKey);
    expect(seen.join('\n')).not.toContain(token.sessionToken);
  });

  it('never writes a secret or token to its logs, through refreshes, failures and forced refreshes', async () => {
    const { clock, sts, broker, logger } = setup(60_000);
    const issued = [await broker.get()];
    sts.failNext(stsDown());
    await clock.advance(50_000);
    await broker.get();
    await flushMicrotasks();
    await clock.advance(5_000);
    issued.push(await broker.get());
    await broker.forceRefresh(broker.generation);
    issued.push(await broker.get());

    const text = logger.text();
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    for (const token of issued) {
      expect(text).not.toContain(token.secretAccessKey);
      expect(text).not.toContain(token.sessionToken);
    }
  });
});
