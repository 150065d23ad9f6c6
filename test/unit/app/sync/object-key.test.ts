import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import {
  keyIdentity,
  MAX_KEY_BYTES,
  OSS_KEY_RULES,
  toObjectKey,
  type ObjectKeyRules,
} from '../../../../app/sync/object-key.js';

/** The error toObjectKey throws, or a test failure when it returns. */
function failure(prefix: string, path: string, rules?: ObjectKeyRules): SyncError {
  try {
    toObjectKey(prefix, path, rules);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error(`expected ${JSON.stringify(path)} to be refused`);
}

const utf8 = (text: string): number => new TextEncoder().encode(text).length;

describe('toObjectKey: valid paths', () => {
  it.each([
    ['', 'a.txt', 'a.txt'],
    ['backup/', 'a.txt', 'backup/a.txt'],
    ['backup/', 'docs/2026/report final.pdf', 'backup/docs/2026/report final.pdf'],
    ['', 'caf\u0065\u0301.txt', 'caf\u00e9.txt'], // NFD (macOS) → NFC
    ['', 'caf\u00e9.txt', 'caf\u00e9.txt'], // NFC stays NFC
    ['pre\u0301fix/', 'x', 'pr\u00e9fix/x'], // the prefix is normalised too
    ['', '..a', '..a'],
    ['', 'a..', 'a..'],
    ['', '.hidden/.a', '.hidden/.a'],
    ['', '...', '...'],
    ['', '~$report.docx', '~$report.docx'], // odd but legal; ignore rules decide about it
    ['', '文档/照片 1.jpg', '文档/照片 1.jpg'],
    ['', 'emoji 😀.txt', 'emoji 😀.txt'], // a surrogate pair is fine
    ['', 'c1\u0080.txt', 'c1\u0080.txt'], // U+0080 is a C1 control, outside the refused range
  ])('%j + %j → %j', (prefix, path, key) => {
    expect(toObjectKey(prefix, path)).toBe(key);
  });
});

describe('toObjectKey: refused paths', () => {
  it.each([
    ['a\nb.txt', 'U+000A'],
    ['\u0000.txt', 'U+0000'],
    ['a\u001F', 'U+001F'],
    ['dir\u007F/x', 'U+007F'],
    ['x\tabs', 'U+0009'],
    ['a\rb', 'U+000D'],
  ])('%j: control character named as %s', (path, named) => {
    const error = failure('', path);
    expect(error.code).toBe('invalid-name');
    expect(error.disposition).toBe('no-retry');
    expect(error.message).toContain(named);
    expect(error.hint).toMatch(/Rename/);
  });

  it.each([
    ['.', '"."'],
    ['..', '".."'],
    ['a/./b', '"."'],
    ['a/../b', '".."'],
    ['a/..', '".."'],
    ['../a', '".."'],
  ])('%j: dot segment %s', (path, segment) => {
    const error = failure('', path);
    expect(error.code).toBe('invalid-name');
    expect(error.message).toContain(`${segment} segment`);
  });

  it.each(['a//b', '/a', 'a/', '//', ''])('%j: empty segment or path', (path) => {
    const error = failure('', path);
    expect(error.code).toBe('invalid-name');
    expect(error.message).toMatch(/empty/);
  });

  it.each([
    ['lone high surrogate', 'a\uD800b'],
    ['lone low surrogate', '\uDC00'],
    ['reversed pair', '\uDE00\uD83D'],
    ['high surrogate at the end', 'name\uD83D'],
  ])('%s: not valid Unicode', (_label, path) => {
    const error = failure('', path);
    expect(error.code).toBe('invalid-name');
    expect(error.message).toMatch(/not valid Unicode/);
    expect(error.message).toMatch(/\\ud[89a-f][0-9a-f]{2}/); // escaped, readable in a log
  });
});

describe('toObjectKey: key length in UTF-8 bytes', () => {
  it.each([
    ['ASCII', 1024, true, '', 'a'.repeat(MAX_KEY_BYTES)],
    ['ASCII', 1025, false, '', 'a'.repeat(MAX_KEY_BYTES + 1)],
    ['ASCII with a prefix', 1024, true, 'p/', 'a'.repeat(MAX_KEY_BYTES - 2)],
    ['ASCII with a prefix', 1025, false, 'p/', 'a'.repeat(MAX_KEY_BYTES - 1)],
    ['3-byte CJK + ASCII', 1024, true, '', `${'文'.repeat(341)}a`],
    ['3-byte CJK + ASCII', 1025, false, '', `${'文'.repeat(341)}ab`],
    ['4-byte emoji', 1024, true, '', '😀'.repeat(256)],
    ['4-byte emoji + ASCII', 1025, false, '', `${'😀'.repeat(256)}a`],
    ['2-byte é', 1024, true, '', 'é'.repeat(512)],
    ['2-byte é + ASCII', 1025, false, '', `${'é'.repeat(512)}a`],
  ])('%s, %i bytes → valid: %s', (_label, bytes, valid, prefix, path) => {
    expect(utf8(prefix + path)).toBe(bytes); // the table itself is right
    if (valid) {
      expect(toObjectKey(prefix, path)).toBe(prefix + path);
    } else {
      const error = failure(prefix, path);
      expect(error.code).toBe('invalid-name');
      expect(error.message).toContain(`${bytes} bytes`);
      expect(error.hint).toMatch(/Shorten/);
    }
  });

  it('measures after NFC normalisation (NFD input is longer than its key)', () => {
    // "é" in NFD is 3 bytes (e + U+0301), in NFC 2: 400 of them are 1200 bytes NFD, 800 NFC.
    const nfd = 'e\u0301'.repeat(400);
    expect(utf8(nfd)).toBe(1200);
    expect(utf8(toObjectKey('', nfd))).toBe(800);
  });
});

describe('toObjectKey: the prefix', () => {
  it('refuses a prefix without its trailing slash (a caller bug, not a file problem)', () => {
    expect(() => toObjectKey('backup', 'a.txt')).toThrow(/does not end in "\/"/);
  });
});

describe('toObjectKey: characters that make keys lie (issue 11)', () => {
  it.each([
    ['a\\b.txt', /backslash/, /separator/],
    ['dir\\', /backslash/, /separator/],
    ['invoice\u202Efdp.exe', /bidirectional control U\+202E/, /\.exe/],
    ['x\u202A', /U\+202A/, /Rename/],
    ['x\u202D', /U\+202D/, /Rename/],
    ['x\u2066y', /U\+2066/, /Rename/],
    ['x\u2069', /U\+2069/, /Rename/],
    ['mark\u200E', /U\+200E/, /Rename/],
    ['mark\u200F', /U\+200F/, /Rename/],
    ['alm\u061C', /U\+061C/, /Rename/],
    ['zw\u200Bspace', /invisible character U\+200B/, /zero-width/],
    ['zw\u200C', /U\+200C/, /zero-width/],
    ['zw\u200D', /U\+200D/, /zero-width/],
    ['wj\u2060', /U\+2060/, /zero-width/],
    ['\uFEFFbom.txt', /U\+FEFF/, /zero-width/],
  ])('%j is refused: %s', (path, message, hint) => {
    const error = failure('', path);
    expect(error.code).toBe('invalid-name');
    expect(error.disposition).toBe('no-retry');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    // The message shows the character escaped, never as a raw reordering control.
    expect(error.message).not.toMatch(
      /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u061C]/u,
    );
  });

  it('refuses the zero-width joiner even inside an emoji sequence', () => {
    expect(failure('', 'family \u{1F468}\u200D\u{1F469}.jpg').message).toMatch(/U\+200D/);
  });

  it('checks the NFC form, the one that becomes the key', () => {
    // U+037E GREEK QUESTION MARK is ";" under NFC: the key holds ";", and so does the result.
    expect(toObjectKey('', 'a\u037E.txt')).toBe('a;.txt');
  });
});

describe('toObjectKey: per-provider key rules', () => {
  it('OSS allows 1023 bytes, S3 1024', () => {
    expect(toObjectKey('', 'a'.repeat(1024))).toHaveLength(1024);
    expect(toObjectKey('', 'a'.repeat(1023), OSS_KEY_RULES)).toHaveLength(1023);
    const error = failure('', 'a'.repeat(1024), OSS_KEY_RULES);
    expect(error.message).toContain('1024 bytes of UTF-8; this store allows at most 1023');
  });

  it('OSS refuses a key starting with "/" (a prefix from an old config)', () => {
    expect(failure('/', 'a.txt', OSS_KEY_RULES).message).toMatch(/starts with "\/"/);
    expect(toObjectKey('/', 'a.txt')).toBe('/a.txt'); // S3 allows it
  });
});

describe('keyIdentity', () => {
  it.each([
    ['caf\u00e9', 'cafe\u0301', false, true],
    ['A.txt', 'a.txt', false, false],
    ['A.txt', 'a.txt', true, true],
    ['STRASSE', 'stra\u00dfe', true, true],
    ['CAF\u00c9', 'cafe\u0301', true, true],
  ])('%j and %j (case-insensitive store: %s) are one object: %s', (a, b, caseInsensitive, same) => {
    const rules = { maxBytes: 1024, forbiddenFirstChars: [], caseInsensitive };
    expect(keyIdentity(a, rules) === keyIdentity(b, rules)).toBe(same);
  });
});
