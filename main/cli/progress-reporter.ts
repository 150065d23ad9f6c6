import type { EngineEvent } from '../../app/engine/engine-events.js';
import type { ProfileBinding } from '../../app/engine/engine-assembly.js';
import type { SyncEngine } from '../../app/engine/sync-engine.js';
import { failureOfScanError } from './progress/failure-record.js';
import { LiveLines } from './progress/live-lines.js';
import { renderBlock } from './progress/progress-block.js';
import { ProgressTally } from './progress/progress-tally.js';
import { SpeedWindow } from './progress/speed-window.js';
import { TerminalBlock, type BlockStream } from './progress/terminal-block.js';
import { tokenText } from './progress/token-text.js';

export { formatBytes } from './progress/format-bytes.js';

/** `--json`: one JSON object per engine event on stdout (transfers only when their state changes). */
export function reportJson(engine: SyncEngine, write: (line: string) => void): () => void {
  const lastState = new Map<number, string>();
  return engine.onEvent((event) => {
    if (event.type === 'transfer') {
      const t = event.transfer;
      // Only state changes: byte progress would be too chatty for NDJSON.
      if (lastState.get(t.id) === t.state) return;
      lastState.set(t.id, t.state);
    }
    write(`${JSON.stringify({ time: new Date().toISOString(), ...serialise(event) })}\n`);
  });
}

function serialise(event: EngineEvent): Record<string, unknown> {
  return event.type === 'transfer' ? { type: 'transfer', ...event.transfer } : { ...event };
}

/** The run's one tally (progress-tally.ts), fed from the engine whatever the output mode. */
export function trackTransfers(engine: SyncEngine): { tally: ProgressTally; stop: () => void } {
  const tally = new ProgressTally();
  const stop = engine.onEvent((event) => {
    if (event.type === 'transfer') tally.apply(event.transfer);
    else if (event.type === 'conflict') tally.conflicted(event.folderId, event.relativePath);
    else if (event.type === 'scan-error') {
      tally.scanFailed(failureOfScanError(event, engine.problems(event.folderId)));
    }
  });
  return { tally, stop };
}

/** Frames per second of the live block: smooth enough, cheap on a slow SSH link. */
const FRAME_MS = 250;
/** In-flight files listed at most (the queue runs 8 at once by default). */
const MAX_FILES = 8;
/** Lines the block leaves free on a short terminal: totals (4) and the shell prompt's line. */
const RESERVED_ROWS = 6;

export interface TerminalReporter {
  /** Removes the block for good (before a summary); safe to call twice. */
  readonly stop: () => void;
  /** Writes whole lines above the block: anything else written while it is drawn would put
   *  the cursor off and leave a stale frame behind. */
  readonly print: (text: string) => void;
  /** Whether a failure, skip or conflict of this path was printed as it happened: the summary
   *  then counts it ("listed above") instead of listing it again. */
  readonly listedLive: (folderId: string, relativePath: string) => boolean;
}

/**
 * On a terminal: the live block (progress-block.ts) redrawn in place four times a second, and a
 * permanent line above it for every failure (with its fix), problem or conflict as it happens
 * (live-lines.ts).
 */
export function reportOnTerminal(
  engine: SyncEngine,
  profiles: ReadonlyMap<string, ProfileBinding>,
  stream: BlockStream,
  tally: ProgressTally,
  startedAt: number,
): TerminalReporter {
  const block = new TerminalBlock(stream);
  const speed = new SpeedWindow();
  const live = new LiveLines((folderId) => engine.problems(folderId));
  const unsubscribe = engine.onEvent((event) => {
    const text = live.textOf(event);
    if (text !== '') block.print(text);
  });
  const frame = () => {
    const now = Date.now();
    const counts = tally.counts();
    speed.record(now, counts.bytesSent);
    const rows = stream.rows ?? 24;
    const lines = renderBlock(
      {
        counts,
        bytesPerSecond: speed.bytesPerSecond(),
        elapsedMs: now - startedAt,
        inFlight: tally.inFlight(),
        token: tokenText(
          [...profiles.values()].map((p) => p.broker.status()),
          now,
        ),
      },
      stream.columns ?? 80,
      Math.max(0, Math.min(MAX_FILES, rows - RESERVED_ROWS)),
    );
    block.draw(lines);
  };
  const timer = setInterval(frame, FRAME_MS);
  timer.unref();
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      block.clear();
    },
    print: (text) => (stopped ? stream.write(text) : block.print(text)),
    listedLive: (folderId, relativePath) => live.has(folderId, relativePath),
  };
}
