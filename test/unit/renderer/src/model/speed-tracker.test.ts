import { describe, expect, it } from 'vitest';

import { SpeedTracker } from '../../../../../renderer/src/model/speed-tracker.js';
import { transfer } from '../fakes/views.js';

const MB = 1_000_000;

describe('SpeedTracker', () => {
  it('knows nothing from a single sample', () => {
    const speeds = new SpeedTracker();
    const row = transfer({ id: 1, state: 'uploading', size: 10 * MB, bytesDone: MB });
    speeds.observe([row], 0);
    expect(speeds.speedOf(1, 0)).toBeNull();
    expect(speeds.etaOf(row, 0)).toBeNull();
  });

  it('computes speed from bytes over time and the ETA from what is left', () => {
    const speeds = new SpeedTracker();
    speeds.observe([transfer({ id: 1, state: 'uploading', size: 10 * MB, bytesDone: 0 })], 0);
    const row = transfer({ id: 1, state: 'uploading', size: 10 * MB, bytesDone: 2 * MB });
    speeds.observe([row], 1_000);
    expect(speeds.speedOf(1, 1_000)).toBe(2 * MB);
    expect(speeds.etaOf(row, 1_000)).toBe(4_000);
  });

  it('averages over the window, forgetting older samples', () => {
    const speeds = new SpeedTracker(5_000);
    // 1 MB/s for ten seconds, then 4 MB/s: the window only sees the recent rate.
    let bytes = 0;
    for (let second = 0; second <= 10; second++) {
      speeds.observe(
        [transfer({ id: 1, state: 'uploading', size: 100 * MB, bytesDone: bytes })],
        second * 1_000,
      );
      bytes += MB;
    }
    bytes -= MB;
    for (let second = 11; second <= 20; second++) {
      bytes += 4 * MB;
      speeds.observe(
        [transfer({ id: 1, state: 'uploading', size: 100 * MB, bytesDone: bytes })],
        second * 1_000,
      );
    }
    expect(speeds.speedOf(1, 20_000)).toBe(4 * MB);
  });

  it('reports a stalled upload as 0 and gives no ETA', () => {
    const speeds = new SpeedTracker(5_000);
    speeds.observe([transfer({ id: 1, state: 'uploading', bytesDone: 0 })], 0);
    const row = transfer({ id: 1, state: 'uploading', bytesDone: 500 });
    speeds.observe([row], 1_000);
    expect(speeds.speedOf(1, 7_000)).toBe(0);
    expect(speeds.etaOf(row, 7_000)).toBeNull();
  });

  it('counts the ETA down between 8 MiB steps and keeps the speed through a slow part (issue 13)', () => {
    const speeds = new SpeedTracker(5_000);
    const MiB = 1024 * 1024;
    speeds.observe([transfer({ id: 1, state: 'uploading', size: 64 * MiB, bytesDone: 0 })], 0);
    const row = transfer({ id: 1, state: 'uploading', size: 64 * MiB, bytesDone: 8 * MiB });
    speeds.observe([row], 8_000); // 1 MiB/s: a part every 8 s
    expect(speeds.etaOf(row, 8_000)).toBe(56_000);
    expect(speeds.etaOf(row, 11_000)).toBe(53_000); // not frozen between steps
    expect(speeds.speedOf(1, 14_000)).toBe(MiB); // mid-part, not "stalled"
    expect(speeds.speedOf(1, 24_001)).toBe(0); // two parts' time without progress
    const last = transfer({ id: 1, state: 'uploading', size: 64 * MiB, bytesDone: 63.5 * MiB });
    speeds.observe([last], 63_500);
    expect(speeds.etaOf(last, 63_500)).toBeNull(); // due any moment: no frozen "0s"
  });

  it('starts over when an upload restarts from an earlier byte, and forgets finished rows', () => {
    const speeds = new SpeedTracker();
    speeds.observe([transfer({ id: 1, state: 'uploading', bytesDone: 0 })], 0);
    speeds.observe([transfer({ id: 1, state: 'uploading', bytesDone: 900 })], 1_000);
    speeds.observe([transfer({ id: 1, state: 'uploading', bytesDone: 100 })], 2_000);
    expect(speeds.speedOf(1, 2_000)).toBeNull();
    speeds.observe([transfer({ id: 1, state: 'uploading', bytesDone: 300 })], 3_000);
    expect(speeds.speedOf(1, 3_000)).toBe(200);

    speeds.observe([transfer({ id: 1, state: 'done', bytesDone: 1_000 })], 4_000);
    expect(speeds.speedOf(1, 4_000)).toBeNull();
  });
});
