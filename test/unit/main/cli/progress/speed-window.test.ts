import { describe, expect, it } from 'vitest';

import { etaMs, SpeedWindow } from '../../../../../main/cli/progress/speed-window.js';

const MiB = 1024 * 1024;

/** Feeds a window ticks every 250 ms while `rate(t)` bytes per second flow. */
function feed(window: SpeedWindow, fromMs: number, toMs: number, rate: number, start = 0): number {
  let total = start;
  for (let t = fromMs; t <= toMs; t += 250) {
    if (t > fromMs) total += rate / 4;
    window.record(t, total);
  }
  return total;
}

describe('windowed speed (issue 13)', () => {
  it('reads the current rate, not the average since the start', () => {
    const window = new SpeedWindow(5_000);
    // 10 s fast (a burst before a limit applies), then 20 s held to 8 MiB/s.
    let total = feed(window, 0, 10_000, 32 * MiB);
    total = feed(window, 10_000, 30_000, 8 * MiB, total);
    expect(window.bytesPerSecond()).toBeCloseTo(8 * MiB, -3);
    expect(total / 30).toBeGreaterThan(10 * MiB); // what the old average-since-start showed
  });

  it('drops to 0 one window after the last byte', () => {
    const window = new SpeedWindow(5_000);
    const total = feed(window, 0, 10_000, 4 * MiB);
    feed(window, 10_000, 12_000, 0, total);
    expect(window.bytesPerSecond()).toBeGreaterThan(0); // still inside the window
    feed(window, 12_000, 15_250, 0, total);
    expect(window.bytesPerSecond()).toBe(0);
  });

  it('is 0 before there are two samples', () => {
    const window = new SpeedWindow();
    expect(window.bytesPerSecond()).toBe(0);
    window.record(0, 100);
    expect(window.bytesPerSecond()).toBe(0);
  });

  it('gives an ETA only with a rate and bytes left', () => {
    expect(etaMs(8 * MiB, 4 * MiB)).toBe(2_000);
    expect(etaMs(0, 4 * MiB)).toBeNull();
    expect(etaMs(8 * MiB, 0)).toBeNull();
  });
});
