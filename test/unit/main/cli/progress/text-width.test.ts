import { describe, expect, it } from 'vitest';

import {
  printable,
  textWidth,
  truncateEnd,
  truncateMiddle,
} from '../../../../../main/cli/progress/text-width.js';

describe('terminal text width', () => {
  it.each([
    ['file.txt', 8],
    ['照片', 4], // CJK ideographs: two cells each
    ['写真-01.jpg', 11],
    ['ｆｕｌｌ', 8], // fullwidth Latin
    ['한국어', 6],
    ['cafe\u0301', 4], // e + combining acute: one cell
    ['🎉', 2],
    ['', 0],
  ])('%j is %i columns', (text, width) => {
    expect(textWidth(text)).toBe(width);
  });

  it('cuts in the middle, keeping both ends and never exceeding the width', () => {
    const name = 'photos/2026/a-very-long-file-name-from-the-holiday.jpg';
    for (let width = 1; width <= name.length + 2; width += 1) {
      const cut = truncateMiddle(name, width);
      expect(textWidth(cut)).toBeLessThanOrEqual(width);
      if (width >= name.length) expect(cut).toBe(name);
    }
    expect(truncateMiddle(name, 20)).toBe('photos/20…oliday.jpg');
  });

  it('cuts CJK names by cells, never half a character', () => {
    const name = '照片/家族旅行の写真-東京タワーと富士山の夕焼け.jpg';
    for (const width of [5, 10, 11, 20, 31]) {
      const cut = truncateMiddle(name, width);
      expect(textWidth(cut)).toBeLessThanOrEqual(width);
      expect(textWidth(cut)).toBeGreaterThanOrEqual(width - 1); // a wide char may leave one cell
      expect(cut).toContain('…');
      expect(cut.endsWith('.jpg') || width < 10).toBe(true);
    }
  });

  it('cuts status lines at the end', () => {
    expect(truncateEnd('Transferred: 1 MiB', 12)).toBe('Transferred…');
    expect(truncateEnd('短い', 10)).toBe('短い');
    expect(textWidth(truncateEnd('東京タワー', 5))).toBeLessThanOrEqual(5);
  });

  it('shows control characters in names as "?" (a newline must not break the block)', () => {
    expect(printable('bad\nname\u001b[2J.txt')).toBe('bad?name?[2J.txt');
  });
});
