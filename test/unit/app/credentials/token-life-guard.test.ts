import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../../app/credentials/credential-broker.js';
import { TokenLifeGuard } from '../../../../app/credentials/token-life-guard.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { ObjectStore, UploadPartRequest } from '../../../../app/ports/object-store.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';

const SECOND = 1_000;
const MINUTE = 60_000;
const MiB = 1024 * 1024;

interface Sent {
  readonly partNumber: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly tokenExpiresAt: number;
}

/**
 * A store on a slow link: a body takes size / bytesPerSecond of fake-clock time, and each
 * request records the token it was signed with (asked of the broker when it starts, as the S3
 * client's credential provider does).
 */
function slowStore(clock: FakeClock, broker: CredentialBroker, bytesPerSecond: number) {
  const sent: Sent[] = [];
  const store = {
    integrity: 's3-md5-of-md5s',
    uploadPart: async (request: UploadPartRequest) => {
      const token = await broker.get();
      const startedAt = clock.now();
      await clock.sleep((request.body.byteLength / bytesPerSecond) * 1000);
      sent.push({
        partNumber: request.partNumber,
        startedAt,
        finishedAt: clock.now(),
        tokenExpiresAt: token.expiration.getTime(),
      });
      return { etag: `etag-${request.partNumber}` };
    },
  } as unknown as ObjectStore;
  return { store, sent };
}

function setup(lifetimeMs: number, bytesPerSecond: number, backoffMs = 2_000) {
  const clock = new FakeClock();
  const sts = new FakeSts(clock, lifetimeMs);
  const logger = new CaptureLogger();
  const broker = new CredentialBroker({
    label: 'slow',
    source: sts.source,
    clock,
    random: () => 0,
    backoff: { baseMs: backoffMs, maxMs: backoffMs },
  });
  const { store, sent } = slowStore(clock, broker, bytesPerSecond);
  const notes: [string, string, string][] = [];
  const guard = new TokenLifeGuard({
    store,
    broker,
    clock,
    logger,
    label: 'slow',
    onWarning: (bucket, key, note) => notes.push([bucket, key, note]),
  });
  const part = (partNumber: number, bytes: number) =>
    guard.uploadPart({
      bucket: 'b',
      key: 'big.iso',
      uploadId: 'u1',
      partNumber,
      body: new Uint8Array(bytes),
      md5Hex: '0'.repeat(32),
    });
  /** Runs one part while letting fake time pass. */
  const run = async (partNumber: number, bytes: number) => {
    const done = part(partNumber, bytes);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) await clock.advance(SECOND);
    return done;
  };
  return { clock, sts, logger, broker, guard, sent, run, notes };
}

describe('TokenLifeGuard (expiry versus ETA, issue 12 item 5)', () => {
  it('starts a part only after a refresh when the token has less than twice its expected duration left, and warns once with the numbers', async () => {
    // 100 KiB/s: a 32 MiB part takes ~5.5 minutes; the one-hour token refreshes at 55 minutes.
    const { clock, sts, logger, sent, run, notes } = setup(60 * MINUTE, 100 * 1024);
    await run(1, 32 * MiB); // measures the speed; the token is young
    expect(sts.calls).toBe(1);
    await clock.advance(50 * MINUTE - clock.now() + sent[0]!.startedAt); // 10 min left < 2 × 5.5
    const before = clock.now();
    await run(2, 32 * MiB);
    await run(3, 32 * MiB);

    expect(sts.calls).toBe(2); // one refresh, before part 2; part 3 had a fresh token
    const [, second, third] = sent;
    // Signed with the new token (a full hour from when the part started), not the old one.
    expect(second!.startedAt - before).toBeLessThanOrEqual(SECOND);
    expect(second!.tokenExpiresAt).toBeGreaterThan(sent[0]!.tokenExpiresAt);
    expect(second!.tokenExpiresAt - second!.startedAt).toBeGreaterThan(59 * MINUTE);
    for (const part of sent) expect(part.finishedAt).toBeLessThan(part.tokenExpiresAt);
    expect(third!.tokenExpiresAt).toBe(second!.tokenExpiresAt);

    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe(
      'big.iso: part 2 could outlive its token (at 100 KiB/s it needs ~328 s, the token had 600 s left): started after a refresh',
    );
    expect(notes).toEqual([['b', 'big.iso', warnings[0]!.message.replace('big.iso: ', '')]]);
    expect(warnings[0]!.fields).toMatchObject({
      bytes: 32 * MiB,
      expectedSeconds: 328,
      tokenSecondsLeft: 600,
      tokenSecondsLeftNow: 3600,
    });
  });

  it('does nothing while the token has enough life left', async () => {
    const { sts, logger, run } = setup(60 * MINUTE, 10 * MiB);
    for (let n = 1; n <= 5; n++) await run(n, 16 * MiB);
    expect(sts.calls).toBe(1);
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('says how to fix it when even a fresh token cannot last a part, without a refresh per part', async () => {
    // 15-minute tokens, a 64 MiB part at 50 KiB/s takes ~22 minutes.
    const { clock, sts, logger, run } = setup(15 * MINUTE, 50 * 1024);
    await run(1, 64 * MiB);
    const calls = sts.calls;
    await run(2, 64 * MiB); // an aged token: refreshed once first
    expect(sts.calls).toBe(calls + 1);
    await clock.advance(0);
    const warning = logger.lines.find((line) =>
      /longer than a fresh token lasts/.test(line.message),
    );
    expect(warning?.message).toMatch(
      /raise the profile's durationSeconds or lower transfers\.partSize/,
    );
    expect(warning?.fields).toMatchObject({ expectedSeconds: 1311 });
  });

  it('does not hammer a failing STS: during the backoff the part goes with the token held', async () => {
    const { clock, sts, broker, run } = setup(60 * MINUTE, 100 * 1024, 10 * MINUTE);
    await run(1, 32 * MiB);
    await clock.advance(50 * MINUTE);
    sts.failNext(new SyncError('sts-unreachable', 'retry', 'STS down'));
    await broker.refreshNow().catch(() => {});
    expect(broker.status().state).toBe('failing');
    const calls = sts.calls;
    await run(2, 32 * MiB);
    expect(sts.calls).toBe(calls);
  });
});
