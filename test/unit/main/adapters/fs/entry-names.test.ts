import { describe, expect, it } from 'vitest';

import { decodeEntryName, escapeInvalidUtf8 } from '../../../../../main/adapters/fs/entry-names.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('decodeEntryName', () => {
  it('decodes valid UTF-8 names exactly, NFC and NFD alike', () => {
    for (const name of ['plain.txt', 'caf\u00e9', 'cafe\u0301', '中文.txt', '😀 emoji']) {
      expect(decodeEntryName(Buffer.from(name))).toEqual({ valid: true, name });
    }
  });

  it.each<[string, Buffer, string]>([
    ['a stray high byte', bytes('bad', [0xff], '.txt'), 'bad\\xff.txt'],
    ['Latin-1 é', bytes('caf', [0xe9]), 'caf\\xe9'],
    ['a truncated sequence', bytes('x', [0xe4, 0xb8], 'y'), 'x\\xe4\\xb8y'],
    ['an overlong slash', bytes([0xc0, 0xaf]), '\\xc0\\xaf'],
    ['a UTF-16 surrogate in UTF-8', bytes([0xed, 0xa0, 0x80]), '\\xed\\xa0\\x80'],
    ['valid text around a bad byte', bytes('中', [0x80], '文'), '中\\x80文'],
  ])('escapes %s, keeping the valid characters', (_name, raw, escaped) => {
    expect(decodeEntryName(raw)).toEqual({ valid: false, escaped });
    expect(escapeInvalidUtf8(raw)).toBe(escaped);
  });
});
