/**
 * Terminal column widths, so a redrawn block never wraps (a wrapped line breaks the cursor-up
 * redraw and leaves stale lines behind, issue 13).
 *
 * East Asian Wide (W) and Fullwidth (F) characters take two columns; combining marks, variation
 * selectors and zero-width characters take none. Ranges from Unicode Standard Annex #11 "East
 * Asian Width" and its data file EastAsianWidth.txt (Unicode 15.1, unicode.org/reports/tr11/,
 * read 2026-11), reduced to the blocks file names actually use: CJK, kana, Hangul, fullwidth
 * forms and emoji. A character outside them counts 1, which at worst leaves a column unused.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b], // watch, hourglass (emoji presentation)
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x20000, 0x2fffd], // CJK Extensions B–F (plane 2)
  [0x30000, 0x3fffd], // CJK Extension G (plane 3)
];

const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritical marks (a decomposed é is e + U+0301)
  [0x200b, 0x200f], // zero-width space, joiners, direction marks
  [0x20d0, 0x20ff], // combining marks for symbols
  [0x3099, 0x309a], // combining kana voiced marks
  [0xfe00, 0xfe0f], // variation selectors
  [0xfe20, 0xfe2f], // combining half marks
];

function inRanges(code: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [low, high] of ranges) if (code >= low && code <= high) return true;
  return false;
}

/** Columns one code point takes on a terminal. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (inRanges(code, ZERO)) return 0;
  return inRanges(code, WIDE) ? 2 : 1;
}

/** Columns a string takes (it must hold no escape sequences: see `printable`). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * A name made safe to draw: control characters (a file name may hold a newline or an escape)
 * become "?", as `ls` shows them on a terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** The first characters of `text` that fit in `columns`. */
function head(text: string, columns: number): string {
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (width + w > columns) break;
    out += char;
    width += w;
  }
  return out;
}

/** The last characters of `text` that fit in `columns`. */
function tail(text: string, columns: number): string {
  const chars = [...text];
  let out = '';
  let width = 0;
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const char = chars[i] ?? '';
    const w = charWidth(char);
    if (width + w > columns) break;
    out = char + out;
    width += w;
  }
  return out;
}

/** `text` cut at the end with "…" to fit `columns` (for status lines: the start matters). */
export function truncateEnd(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  if (columns <= 0) return '';
  return `${head(text, columns - 1)}…`;
}

/**
 * `text` cut in the middle with "…" to fit `columns` (for paths: the folder and the file
 * name's end, with its extension, are what tell files apart).
 */
export function truncateMiddle(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  if (columns <= 1) return columns === 1 ? '…' : '';
  const room = columns - 1;
  // The end (file name, extension) tells files apart more often than the start: it gets the odd cell.
  const front = Math.floor(room / 2);
  const start = head(text, front);
  return `${start}…${tail(text, room - textWidth(start))}`;
}

/** `text` padded with spaces on the right to `columns` (wide characters counted). */
export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - textWidth(text)));
}
