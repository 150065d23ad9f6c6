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
  private height = 0;

  constructor(private readonly stream: BlockStream) {}

  draw(lines: readonly string[]): void {
    let frame = `${up(this.height)}\r`;
    for (const line of lines) frame += `${ERASE_LINE}${line}\n`;
    // The cursor is below the new frame now; a taller old frame's last lines are still there.
    this.stream.write(frame + eraseLines(this.height - lines.length));
    this.height = lines.length;
  }

  /** Writes `text` (whole lines) where the block was; the next `draw` puts the block below it. */
  print(text: string): void {
    this.stream.write(`${up(this.height)}\r${eraseLines(this.height)}${text}`);
    this.height = 0;
  }

  /** Removes the block, leaving the cursor where its first line was. */
  clear(): void {
    this.print('');
  }
}
