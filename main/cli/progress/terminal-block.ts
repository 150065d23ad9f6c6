import { textWidth } from './text-width.js';

/** The part of a terminal stream the block needs (a `tty.WriteStream`, or a fake in tests). */
export interface BlockStream {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

// ANSI/VT100 control sequences (ECMA-48 §8.3: CUU "CSI n A" cursor up, CUD "CSI n B" cursor
// down, EL "CSI 2 K" erase the whole line). Never ED ("CSI J") from the top of the screen: tmux
// (and some terminals) then move the whole screen into the scrollback instead of erasing it, so
// every old frame would pile up there (seen in test/integration/cli/terminal-progress.test.ts).
const up = (lines: number) => (lines > 0 ? `\x1b[${lines}A` : '');
const ERASE_LINE = '\x1b[2K';
const DOWN = '\x1b[1B';

/** Erases `lines` lines from the cursor's down, and comes back (the cursor does not move). */
function eraseLines(lines: number): string {
  if (lines <= 0) return '';
  return `${Array.from({ length: lines }, () => ERASE_LINE).join(DOWN)}${up(lines - 1)}`;
}

/**
 * A block of lines redrawn in place, like `rclone -P`: after each frame the cursor sits at the
 * start of the line below the block, so the next frame moves up by the block's height, rewrites
 * each line and erases what a taller previous frame left below. Lines must not wrap (the
 * renderer fits them to the width), or the cursor would move up too little and stale lines
 * would stay behind. Permanent lines (a failure) are printed above the block with `print`.
 */
export class TerminalBlock {
  /** Cell widths of the lines on screen now (the last frame). */
  private widths: number[] = [];

  constructor(private readonly stream: BlockStream) {}

  draw(lines: readonly string[]): void {
    const height = this.rowsOnScreen();
    let frame = `${up(height)}\r`;
    for (const line of lines) frame += `${ERASE_LINE}${line}\n`;
    // The cursor is below the new frame now; a taller old frame's last lines are still there.
    this.stream.write(frame + eraseLines(height - lines.length));
    this.widths = lines.map(textWidth);
  }

  /** Writes `text` (whole lines) where the block was; the next `draw` puts the block below it. */
  print(text: string): void {
    const height = this.rowsOnScreen();
    this.stream.write(`${up(height)}\r${eraseLines(height)}${text}`);
    this.widths = [];
  }

  /** Removes the block, leaving the cursor where its first line was. */
  clear(): void {
    this.print('');
  }

  /**
   * Rows the last frame takes now. Drawn, no line wrapped; but a terminal made narrower since
   * re-wraps its lines (tmux, VTE, iTerm2 and Windows Terminal reflow on resize), and each then
   * takes several rows: moving up by the line count would leave their first rows behind (seen
   * in tmux at 80 → 50 columns). Rows a reflow pushed into the scrollback cannot be reached;
   * a terminal that does not reflow (xterm) loses up to a row per line above the block instead.
   */
  private rowsOnScreen(): number {
    const columns = this.stream.columns ?? Number.POSITIVE_INFINITY;
    return this.widths.reduce((rows, width) => rows + Math.max(1, Math.ceil(width / columns)), 0);
  }
}
