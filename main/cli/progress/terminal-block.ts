/** The part of a terminal stream the block needs (a `tty.WriteStream`, or a fake in tests). */
export interface BlockStream {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

// ANSI/VT100 control sequences (ECMA-48 §8.3: CUU "CSI n A" cursor up, EL "CSI 2 K" erase the
// whole line, ED "CSI J" erase from the cursor to the end of the screen).
const up = (lines: number) => (lines > 0 ? `\x1b[${lines}A` : '');
const ERASE_LINE = '\x1b[2K';
const ERASE_BELOW = '\x1b[J';

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
    this.stream.write(`${frame}${ERASE_BELOW}`);
    this.height = lines.length;
  }

  /** Writes `text` (whole lines) where the block was; the next `draw` puts the block below it. */
  print(text: string): void {
    this.stream.write(`${up(this.height)}\r${ERASE_BELOW}${text}`);
    this.height = 0;
  }

  /** Removes the block, leaving the cursor where its first line was. */
  clear(): void {
    this.print('');
  }
}
