import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The largest young generation a watching process grows to: semi-spaces of 8 MiB (V8's default
 * limit on 64-bit is 16 MiB, Node 20 / V8 11.3 `Heap::ConfigureHeap`). Issue 15, 100,000 watched
 * files in 1,000 folders, peak RSS (VmHWM) at ready: 145–150 MB with the default; 135 MB with
 * `--max-semi-space-size=8`, and 1,000,000 files 500 MB against 523–575 MB (no more promoted
 * garbage at that size, and less CPU to ready).
 */
export const SEMI_SPACE_CAP_BYTES = 8 * 1024 * 1024;

/** What capping needs from V8 (injected by tests). */
export interface YoungGenerationControls {
  /** Bytes the new space holds now (both semi-spaces: twice a semi-space, and a little). */
  readonly newSpaceBytes: () => number;
  /** Keeps the new space at the size it has from now on. */
  readonly stopGrowth: () => void;
  /** Calls `listener` after garbage collections; returns the unsubscribe. */
  readonly afterGc: (listener: () => void) => () => void;
}

/**
 * Why at run time and not with `--max-semi-space-size`: that flag is read once, when the heap
 * is configured (a `node` flag the CLI cannot give itself; `v8.setFlagsFromString` after start
 * is ignored for it). `--semi-space-growth-factor` is read at each growth (V8 11.3
 * src/heap/new-spaces.cc `SemiSpaceNewSpace::Grow`), so setting it to 1 once the semi-spaces
 * reach the cap holds them there. Not from the start: semi-spaces kept at their initial 1 MiB
 * (growth factor 1 from the first collection) promote so much short-lived data that 1,000,000
 * files cost ~120 MB more. V8 only grows the new space when more than its size survived
 * collections since the last growth (`Heap::CheckNewSpaceExpansionCriteria`), which a scan of
 * 100,000 long-lived paths does: without the cap the young generation doubles during the first
 * scan, to 32 MB touched.
 * Later V8s declare a minimum of 2 for the factor (`DEFINE_MIN_VALUE_IMPLICATION(
 * semi_space_growth_factor, 2)` in src/flags/flag-definitions.h); where that holds, this does
 * nothing and the process keeps V8's default growth, as before.
 */
export const V8_YOUNG_GENERATION: YoungGenerationControls = {
  newSpaceBytes: () =>
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  stopGrowth: () => setFlagsFromString('--semi-space-growth-factor=1'),
  afterGc: (listener) => {
    const observer = new PerformanceObserver(listener);
    observer.observe({ entryTypes: ['gc'] });
    return () => observer.disconnect();
  },
};

let state: 'free' | 'waiting' | 'capped' = 'free';
let stopWaiting: () => void = () => {};

/**
 * Caps the young generation of this process at `SEMI_SPACE_CAP_BYTES` semi-spaces: now if it is
 * that big already, else after the collection that grows it there. Called when watching starts
 * (the long-lived mode, whose start-up scan is where the peak is); once per process.
 */
export function capYoungGeneration(
  controls: YoungGenerationControls = V8_YOUNG_GENERATION,
  semiSpaceBytes = SEMI_SPACE_CAP_BYTES,
  versions: NodeJS.ProcessVersions = process.versions,
): void {
  if (state !== 'free' || !mayChangeV8FlagsAtRunTime(versions)) return;
  const check = () => {
    if (state === 'capped' || controls.newSpaceBytes() < 2 * semiSpaceBytes) return;
    controls.stopGrowth();
    state = 'capped';
    stopWaiting();
  };
  state = 'waiting';
  check();
  if (state === 'waiting') stopWaiting = controls.afterGc(check);
}

/**
 * Only in plain Node. A V8 whose flags are frozen after start-up aborts the process when one is
 * set ("Check failed: !IsFrozen()", nwjs/nw.js issue 8067 for `v8.setFlagsFromString`); Node
 * starts V8 with `--no-freeze-flags-after-init`, and Electron passes the same switch, but a bad
 * `--js-flags` made Electron drop it (electron/electron PR 42414, 2024). The desktop app is not
 * worth that risk for ~15 MB: its main process keeps V8's default young generation.
 */
export function mayChangeV8FlagsAtRunTime(versions: NodeJS.ProcessVersions): boolean {
  return versions.electron === undefined;
}

/** Forgets that capping ran (tests only: the V8 flag itself stays as set). */
export function resetYoungGenerationCapForTests(): void {
  stopWaiting();
  stopWaiting = () => {};
  state = 'free';
}
