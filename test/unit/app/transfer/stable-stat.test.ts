import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { FileStat } from '../../../../app/ports/file-system.js';
import { stableStat, type StabilityOptions } from '../../../../app/transfer/stable-stat.js';
import { InstantClock } from '../../../fakes/instant-clock.js';

const OPTIONS: StabilityOptions = { settleMs: 1_000, quietMs: 200, maxProbes: 20 };
const CHUNK = 32 * 1024;

/**
 * A file written in chunks at the given times (ms after `start`); `stat` shows it as the clock
 * says it is now: a chunk lands when the clock reaches its time, and sets the mtime.
 */
function writer(clock: InstantClock, writeTimes: readonly number[]) {
  const start = clock.now();
  const stat = (): Promise<FileStat | null> => {
    const written = writeTimes.filter((at) => start + at <= clock.now());
    const last = written.at(-1);
    if (last === undefined) return Promise.resolve(null);
    return Promise.resolve({ kind: 'file', size: written.length * CHUNK, mtimeMs: start + last });
  };
  return { stat, start, fullSize: writeTimes.length * CHUNK };
}

describe('stableStat: when a fresh file is taken (issue 15)', () => {
  it('a file written once is taken quietMs after its write, not quietMs after the first look', async () => {
    const clock = new InstantClock();
    const file = writer(clock, [0]);
    clock.advance(104); // the watcher's delay: parcel's 50 ms, the batch window, the fast path

    const result = await stableStat(file.stat, clock, OPTIONS);

    expect(result).toMatchObject({ kind: 'stable', stat: { size: CHUNK } });
    expect(clock.now() - file.start).toBe(200); // was 104 + 150
  });

  it('a file older than quietMs is taken at once, with one stat', async () => {
    const clock = new InstantClock();
    const file = writer(clock, [0]);
    clock.advance(250);
    let stats = 0;
    const result = await stableStat(() => ((stats += 1), file.stat()), clock, OPTIONS);
    expect(result.kind).toBe('stable');
    expect(stats).toBe(1);
    expect(clock.now() - file.start).toBe(250);
  });

  it("the bench's writer (6 chunks 150 ms apart) is taken whole, 4 × 150 ms or more after its last chunk", async () => {
    const clock = new InstantClock();
    const file = writer(clock, [0, 150, 300, 450, 600, 750]);
    clock.advance(104);

    const result = await stableStat(file.stat, clock, OPTIONS);

    expect(result).toMatchObject({ kind: 'stable', stat: { size: file.fullSize } });
    expect(clock.now() - file.start).toBeGreaterThanOrEqual(750 + 4 * 150);
    expect(clock.now() - file.start).toBeLessThanOrEqual(750 + OPTIONS.settleMs + OPTIONS.quietMs);
  });

  it('a writer seen at work may then pause longer than quietMs (up to 4× the gap seen) and is still taken whole', async () => {
    const clock = new InstantClock();
    // A loaded machine stretches the pauses after the first one: 150, then 350 to 590 ms.
    const file = writer(clock, [0, 150, 500, 1_000, 1_590]);
    clock.advance(60);
    const result = await stableStat(file.stat, clock, OPTIONS);
    expect(result).toMatchObject({ kind: 'stable', stat: { size: file.fullSize } });
  });

  it('never takes a part: first looked at before its second write, a writer whose first pause is under quietMs and later ones under 4× it (settleMs at most)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: OPTIONS.quietMs - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 400 }),
        async (firstPause, laterFractions, firstLookAfter) => {
          const clock = new InstantClock();
          const times = [0, firstPause];
          const longest = Math.min(OPTIONS.settleMs, 4 * firstPause);
          for (const fraction of laterFractions) {
            times.push((times.at(-1) ?? 0) + Math.max(1, Math.floor(fraction * longest)));
          }
          const file = writer(clock, times);
          clock.advance(Math.min(firstLookAfter, firstPause - 1)); // the first look sees chunk 1 alone
          const result = await stableStat(file.stat, clock, { ...OPTIONS, maxProbes: 1_000 });
          expect(result).toMatchObject({ kind: 'stable', stat: { size: file.fullSize } });
        },
      ),
    );
  });

  it('a save seen between its open and its write (0 ms apart) keeps the plain quiet time', async () => {
    const clock = new InstantClock();
    const start = clock.now();
    let looks = 0;
    const stat = (): Promise<FileStat> =>
      Promise.resolve({ kind: 'file', size: (looks += 1) === 1 ? 0 : CHUNK, mtimeMs: start });
    clock.advance(60);
    const result = await stableStat(stat, clock, OPTIONS);
    expect(result).toMatchObject({ kind: 'stable', stat: { size: CHUNK } });
    expect(clock.now() - start).toBeLessThanOrEqual(2 * OPTIONS.quietMs);
  });

  it('the limit, stated: a first pause longer than quietMs looks finished (the next write is uploaded again)', async () => {
    const clock = new InstantClock();
    const file = writer(clock, [0, 260]);
    clock.advance(100);
    const result = await stableStat(file.stat, clock, OPTIONS);
    expect(result).toMatchObject({ kind: 'stable', stat: { size: CHUNK } });
  });

  it('an mtime ahead of this clock (another machine) is taken after quietMs of unchanged looks', async () => {
    const clock = new InstantClock();
    const ahead: FileStat = { kind: 'file', size: 10, mtimeMs: clock.now() + 60_000 };
    const started = clock.now();
    const result = await stableStat(() => Promise.resolve(ahead), clock, OPTIONS);
    expect(result.kind).toBe('stable');
    expect(clock.now() - started).toBe(OPTIONS.quietMs);
  });

  it('a file written without pause is busy after maxProbes looks, and a vanished one says so', async () => {
    const clock = new InstantClock();
    const start = clock.now();
    const growing = () =>
      Promise.resolve<FileStat>({ kind: 'file', size: clock.now() - start, mtimeMs: clock.now() });
    const busy = await stableStat(growing, clock, { ...OPTIONS, maxProbes: 3 });
    expect(busy.kind).toBe('busy');
    expect(clock.now() - start).toBeLessThanOrEqual(3 * OPTIONS.quietMs);

    const gone = await stableStat(() => Promise.resolve(null), clock, OPTIONS);
    expect(gone.kind).toBe('vanished');
  });
});
