import { afterEach, describe, expect, it } from 'vitest';

import {
  capYoungGeneration,
  mayChangeV8FlagsAtRunTime,
  resetYoungGenerationCapForTests,
  type YoungGenerationControls,
} from '../../../../../main/adapters/system/young-generation-cap.js';

const MiB = 1024 * 1024;

/** A new space of a given size, whose collections the test runs by hand. */
function fakeYoungGeneration(bytes: number) {
  const listeners = new Set<() => void>();
  const fake = {
    bytes,
    stops: 0,
    collect: () => [...listeners].forEach((listener) => listener()),
    get listening() {
      return listeners.size;
    },
  };
  const controls: YoungGenerationControls = {
    newSpaceBytes: () => fake.bytes,
    stopGrowth: () => (fake.stops += 1),
    afterGc: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { fake, controls };
}

afterEach(() => resetYoungGenerationCapForTests());

describe('capYoungGeneration', () => {
  it('stops growth at once when the semi-spaces already reached the cap', () => {
    const { fake, controls } = fakeYoungGeneration(16 * MiB);
    capYoungGeneration(controls, 8 * MiB);
    expect(fake.stops).toBe(1);
    expect(fake.listening).toBe(0);
  });

  it('lets a smaller young generation grow to the cap, then stops it and stops listening', () => {
    const { fake, controls } = fakeYoungGeneration(4 * MiB);
    capYoungGeneration(controls, 8 * MiB);
    expect(fake.stops).toBe(0);
    fake.bytes = 8 * MiB;
    fake.collect();
    expect(fake.stops).toBe(0); // semi-spaces of 4 MiB: below the cap
    fake.bytes = 16 * MiB;
    fake.collect();
    expect(fake.stops).toBe(1);
    expect(fake.listening).toBe(0);
    fake.collect();
    expect(fake.stops).toBe(1);
  });

  it('runs once per process: a second watcher neither stops nor listens again', () => {
    const first = fakeYoungGeneration(2 * MiB);
    capYoungGeneration(first.controls, 8 * MiB);
    const second = fakeYoungGeneration(32 * MiB);
    capYoungGeneration(second.controls, 8 * MiB);
    expect(second.fake.stops).toBe(0);
    expect(second.fake.listening).toBe(0);
    expect(first.fake.listening).toBe(1);
  });

  it('leaves V8 alone inside Electron, where a flag set after start-up can abort the app', () => {
    const electron = { ...process.versions, electron: '45.0.0' };
    const { fake, controls } = fakeYoungGeneration(32 * MiB);
    capYoungGeneration(controls, 8 * MiB, electron);
    expect(fake.stops).toBe(0);
    expect(fake.listening).toBe(0);
    expect(mayChangeV8FlagsAtRunTime(electron)).toBe(false);
    expect(mayChangeV8FlagsAtRunTime(process.versions)).toBe(true);
  });
});
