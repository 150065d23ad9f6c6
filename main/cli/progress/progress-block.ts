import type { Transfer } from '../../../app/transfer/transfer-queue.js';
import { formatDuration } from '../format-duration.js';
import { formatBytes, formatSpeed } from './format-bytes.js';
import type { TallyCounts } from './progress-tally.js';
import { etaMs } from './speed-window.js';
import { printable, truncateEnd, truncateMiddle } from './text-width.js';

/** Everything one frame of the live block shows: the renderer reads nothing else. */
export interface BlockState {
  readonly counts: TallyCounts;
  /** Windowed speed (speed-window.ts). */
  readonly bytesPerSecond: number;
  readonly elapsedMs: number;
  /** Running transfers, longest-running first (progress-tally.ts `inFlight`). */
  readonly inFlight: readonly Pick<
    Transfer,
    'folderId' | 'relativePath' | 'size' | 'bytesDone' | 'state' | 'kind'
  >[];
  /** token-text.ts; null hides it. */
  readonly token: string | null;
}

/** Below this width the labelled layout (rclone -P's) would cut the speed off: drop labels. */
const LABELLED_MIN_COLUMNS = 60;
/** The first seconds' speed is noise: no ETA before there is a rate to trust. */
const ETA_AFTER_MS = 2_000;

/**
 * The live block for a terminal `columns` wide: totals, then up to `maxFiles` in-flight files
 * with their % and size. Every line is at most `columns - 1` wide (in terminal cells: CJK counts
 * 2), so nothing wraps even on terminals that wrap at the last column, and the cursor-up
 * redraw (terminal-block.ts) always lands on the block's first line.
 */
export function renderBlock(state: BlockState, columns: number, maxFiles: number): string[] {
  const width = Math.max(10, columns - 1);
  const labelled = columns >= LABELLED_MIN_COLUMNS;
  const c = state.counts;
  const percent = percentOf(c);
  const remaining = Math.max(0, c.bytesTotal - c.bytesDone);
  const eta = state.elapsedMs >= ETA_AFTER_MS ? etaMs(remaining, state.bytesPerSecond) : null;
  // Rounded up: "ETA 0s" while bytes are still left is what issue 13 complained of.
  const etaText = eta === null ? '-' : formatDuration(Math.ceil(eta / 1000) * 1000);
  const speed = formatSpeed(state.bytesPerSecond);
  const files = [
    `${c.filesDone} / ${c.filesTotal}${labelled ? '' : ' files'}`,
    ...(c.filesFailed > 0 ? [`${c.filesFailed} failed`] : []),
    ...(c.filesSkipped > 0 ? [`${c.filesSkipped} skipped`] : []),
    ...(c.deletesTotal > 0 ? [`${c.deletesDone} / ${c.deletesTotal} deleted`] : []),
  ].join(', ');
  const elapsed = [
    formatDuration(state.elapsedMs, true),
    ...(waitingForCredentials(state) ? ['waiting for credentials'] : []),
    ...(state.token ? [state.token] : []),
  ].join(', ');
  const lines = labelled
    ? [
        `Transferred:   ${formatBytes(c.bytesDone)} / ${formatBytes(c.bytesTotal)}, ${percent}, ${speed}, ETA ${etaText}`,
        `Files:         ${files}`,
        `Elapsed:       ${elapsed}`,
      ]
    : [
        `${formatBytes(c.bytesDone)} / ${formatBytes(c.bytesTotal)} ${percent} ${speed} ETA ${etaText}`,
        files,
        elapsed,
      ];
  const shown = state.inFlight.slice(0, Math.max(0, maxFiles));
  if (labelled && shown.length > 0) lines.push('Transferring:');
  for (const transfer of shown) lines.push(fileLine(transfer, width));
  const hidden = state.inFlight.length - shown.length;
  if (hidden > 0 && maxFiles > 0) lines.push(`  … and ${hidden} more`);
  return lines.map((line) => truncateEnd(line, width));
}

/** "  45%    3.5 MiB  photos/img…0001.jpg": status, size, then the name cut in the middle. */
function fileLine(transfer: BlockState['inFlight'][number], width: number): string {
  const status =
    transfer.state === 'retrying'
      ? 'retry'
      : transfer.state === 'waiting-for-credentials'
        ? 'wait'
        : transfer.kind === 'delete'
          ? 'del'
          : `${transfer.size > 0 ? Math.floor((Math.min(transfer.bytesDone, transfer.size) / transfer.size) * 100) : 0}%`;
  const prefix = `${status.padStart(5)} ${formatBytes(transfer.size).padStart(10)}  `;
  const name = printable(`${transfer.folderId}/${transfer.relativePath}`);
  return prefix + truncateMiddle(name, width - prefix.length);
}

/** Bytes decide the percentage; a run of empty files goes by file count. Floored: 100% = done. */
function percentOf(c: TallyCounts): string {
  const [done, total] =
    c.bytesTotal > 0 ? [c.bytesDone, c.bytesTotal] : [c.filesDone, c.filesTotal];
  return total > 0 ? `${Math.floor((done / total) * 100)}%` : '0%';
}

function waitingForCredentials(state: BlockState): boolean {
  return state.inFlight.some((t) => t.state === 'waiting-for-credentials');
}
