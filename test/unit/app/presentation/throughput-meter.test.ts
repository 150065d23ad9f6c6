import { describe, expect, it } from 'vitest';

import { ThroughputMeter } from '../../../../app/presentation/throughput-meter.js';

const MiB = 1024 * 1024;

describe('ThroughputMeter (windowed speed, issue 13)', () => {
  it('reads a 4 MiB/s limit as 4 MiB/s when 8 MiB parts land every 2 s, whenever it is asked', () => {
    const meter = new ThroughputMeter(5_000);
    const readings: number[] = [];
    for (let t = 2_000; t <= 20_000; t += 2_000) {
      meter.add(8 * MiB, t, t - 2_000);
      for (const offset of [0, 500, 1_000, 1_900]) readings.push(meter.bytesPerSecond(t + offset));
    }
    for (const reading of readings) expect(reading / MiB).toBeCloseTo(4, 5);
  });

  it('drops to 0 once nothing was confirmed for a whole window', () => {
    const meter = new ThroughputMeter(5_000);
    meter.add(1 * MiB, 1_000, 0);
    expect(meter.bytesPerSecond(1_000)).toBe(MiB);
    expect(meter.bytesPerSecond(5_999)).toBeGreaterThan(0);
    expect(meter.bytesPerSecond(6_000)).toBe(0);
  });

  it('never reads one instant report as more than its bytes per second, and resets to 0', () => {
    const meter = new ThroughputMeter(5_000);
    meter.add(11, 100); // a tiny file done at once: 11 B/s at most, not 11 B / 1 ms
    expect(meter.bytesPerSecond(100)).toBe(11);
    meter.reset();
    expect(meter.bytesPerSecond(100)).toBe(0);
  });

  it('adds concurrent transfers over the time they cover together', () => {
    const meter = new ThroughputMeter(5_000);
    meter.add(2 * MiB, 2_000, 0);
    meter.add(2 * MiB, 2_000, 0);
    expect(meter.bytesPerSecond(2_000) / MiB).toBeCloseTo(2, 5);
  });
});
