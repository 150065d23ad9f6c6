import { describe, expect, it } from 'vitest';

import type { EngineEvent } from '../../../../app/engine/engine-events.js';
import type { SyncEngine } from '../../../../app/engine/sync-engine.js';
import type { Transfer } from '../../../../app/transfer/transfer-queue.js';
import { ProgressTally } from '../../../../main/cli/progress/progress-tally.js';
import { interruptedSummary } from '../../../../main/cli/progress/transfer-summary.js';
import { reportOfTally } from '../../../../main/cli/progress/final-report.js';
import { reportOnTerminal, trackTransfers } from '../../../../main/cli/progress-reporter.js';

/** The two things the reporter uses of the engine: its events and its folders' problems. */
function fakeEngine() {
  const listeners = new Set<(event: EngineEvent) => void>();
  const engine = {
    onEvent: (listener: (event: EngineEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    problems: () => [],
  } as unknown as SyncEngine;
  return { engine, emit: (event: EngineEvent) => listeners.forEach((l) => l(event)) };
}

/** A terminal: what was written, with the ANSI cursor and erase sequences removed. */
function fakeStream() {
  let raw = '';
  return {
    stream: { write: (text: string) => (raw += text), columns: 80, rows: 24 },
    // eslint-disable-next-line no-control-regex
    text: () => raw.replace(/\x1b\[\d*[A-Za-z]|\r/g, ''),
  };
}

const failure = {
  id: 4,
  folderId: 'docs',
  relativePath: 'locked.bin',
  kind: 'upload',
  origin: 'sync',
  drop: null,
  size: 10,
  bytesDone: 0,
  state: 'failed',
  retryAt: null,
  error: { code: 'file-unreadable', message: 'Cannot read it.', hint: 'chmod +r it.' },
  note: null,
  partsReused: 0,
  startedAt: 1,
  finishedAt: null,
  queuedAt: 1,
} as Transfer;

describe('the terminal display: each failure once in the final picture (issue 13)', () => {
  it('prints a failure with its fix as it happens, and the Ctrl+C summary only counts it', () => {
    const { engine, emit } = fakeEngine();
    const { stream, text } = fakeStream();
    const tracking = trackTransfers(engine);
    const reporter = reportOnTerminal(engine, new Map(), stream, tracking.tally, Date.now());

    emit({ type: 'transfer', transfer: failure });
    emit({ type: 'transfer', transfer: { ...failure, finishedAt: 2 } }); // its finish, again
    reporter.stop();
    const summary = interruptedSummary(
      reportOfTally(tracking.tally, 1_000),
      false,
      reporter.listedLive,
    );
    stream.write(summary);
    tracking.stop();

    const screen = text();
    expect(screen.match(/locked\.bin/g)).toHaveLength(1);
    expect(screen.match(/chmod \+r it\./g)).toHaveLength(1);
    expect(screen).toContain('✗ docs/locked.bin: Cannot read it.\n  → chmod +r it.\n');
    expect(screen).toContain('Stopped: 0 uploaded, 0 deleted, 1 failed (listed above), ');
  });

  it('without a terminal (no live lines) the same summary lists the failure in full', () => {
    const tally = new ProgressTally();
    tally.apply(failure);
    expect(interruptedSummary(reportOfTally(tally, 1_000), true)).toMatch(
      /^failed: docs\/locked\.bin: Cannot read it\.\n {2}→ chmod \+r it\.\nInterrupted: .* 1 failed, /,
    );
  });
});
