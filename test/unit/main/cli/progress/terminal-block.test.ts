import { describe, expect, it } from 'vitest';

import { TerminalBlock } from '../../../../../main/cli/progress/terminal-block.js';

/**
 * A tiny terminal: enough of ECMA-48 to replay what TerminalBlock writes (CR, LF that scrolls at
 * the bottom, CUU, CUD, EL 2, ED) onto a grid, so a test can look at the screen like a user.
 */
class Screen {
  readonly lines: string[] = [];
  private row = 0;
  private col = 0;

  constructor(readonly rows: number) {}

  write(text: string): void {
    // eslint-disable-next-line no-control-regex -- escape sequences are what is parsed
    const pattern = /\x1b\[(\d*)([A-Za-z])|\r|\n|[^\x1b\r\n]/gu;
    for (const [token, count, command] of text.matchAll(pattern)) {
      const n = Number(count || 1);
      if (token === '\r') this.col = 0;
      else if (token === '\n') {
        // The tty driver turns LF into CR LF on output (termios ONLCR, on by default).
        this.col = 0;
        this.row += 1;
        if (this.row >= this.rows) {
          this.lines.splice(0, 1); // scrolled off the top
          this.row = this.rows - 1;
        }
      } else if (command === 'A') this.row = Math.max(0, this.row - n);
      else if (command === 'B') this.row = Math.min(this.rows - 1, this.row + n);
      else if (command === 'K') this.lines[this.row] = '';
      else if (command === 'J') this.lines.length = Math.min(this.lines.length, this.row + 1);
      else if (command === undefined) {
        const line = (this.lines[this.row] ?? '').padEnd(this.col);
        this.lines[this.row] = line.slice(0, this.col) + token + line.slice(this.col + 1);
        this.col += 1;
      }
    }
  }

  text(): string[] {
    const out = this.lines.map((line) => line ?? '');
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }
}

describe('the block redrawn in place', () => {
  it('replaces the previous frame, taller or shorter, and leaves nothing when cleared', () => {
    const screen = new Screen(24);
    const block = new TerminalBlock(screen);
    screen.write('ferry: starting\n');
    block.draw(['totals 1', 'a.txt 10%', 'b.txt 20%', 'c.txt 30%']);
    block.draw(['totals 2', 'a.txt 50%']);
    expect(screen.text()).toEqual(['ferry: starting', 'totals 2', 'a.txt 50%']);
    block.print('✗ docs/b.txt: Access denied\n');
    block.draw(['totals 3', 'c.txt 90%', 'd.txt 1%']);
    expect(screen.text()).toEqual([
      'ferry: starting',
      '✗ docs/b.txt: Access denied',
      'totals 3',
      'c.txt 90%',
      'd.txt 1%',
    ]);
    block.clear();
    screen.write('200 uploaded\n');
    expect(screen.text()).toEqual([
      'ferry: starting',
      '✗ docs/b.txt: Access denied',
      '200 uploaded',
    ]);
  });

  it('works at the bottom of a full screen (frames scroll it, old ones never stay)', () => {
    const screen = new Screen(6);
    for (let i = 0; i < 5; i += 1) screen.write(`earlier ${i}\n`);
    const block = new TerminalBlock(screen);
    for (let frame = 0; frame < 20; frame += 1) {
      block.draw(Array.from({ length: 1 + (frame % 4) }, (_, i) => `frame ${frame} line ${i}`));
    }
    block.clear();
    screen.write('done\n');
    expect(screen.text().filter((line) => line.startsWith('frame'))).toEqual([]);
    expect(screen.text().at(-1)).toBe('done');
  });

  it('never erases from the top of the screen with ED (tmux moves such a screen to history)', () => {
    const writes: string[] = [];
    const block = new TerminalBlock({ write: (text: string) => writes.push(text) });
    block.draw(['a', 'b', 'c']);
    block.draw(['a']);
    block.clear();
    // eslint-disable-next-line no-control-regex -- ED is what must not be sent
    expect(writes.join('')).not.toMatch(/\x1b\[\d*J/);
  });

  it('after the terminal was made narrower, moves up by the rows its re-wrapped lines take', () => {
    const writes: string[] = [];
    const stream = { columns: 80, write: (text: string) => writes.push(text) };
    const block = new TerminalBlock(stream);
    block.draw(['x'.repeat(79), 'short', 'y'.repeat(70)]);
    stream.columns = 40; // 79 → 2 rows, 5 → 1, 70 → 2: the old frame now takes 5 rows
    block.draw(['x'.repeat(39)]);
    expect(writes[1]?.startsWith('\x1b[5A\r')).toBe(true);
    // …and it erases the 4 rows below the new one-line frame.
    expect(writes[1]?.split('\x1b[2K')).toHaveLength(1 + 1 + 4);
  });
});
