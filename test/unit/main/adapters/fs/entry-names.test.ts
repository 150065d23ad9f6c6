import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  decodeEntryName,
  escapeInvalidUtf8,
  listEntryNames,
  listEntryNamesSync,
  type DirectoryLister,
} from '../../../../../main/adapters/fs/entry-names.js';

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

describe('listEntryNames (issue 15: names as strings unless one is not UTF-8)', () => {
  /** A real directory holding these names (bytes as given), and a lister counting its calls. */
  function directory(names: Buffer[]): { path: string; lister: DirectoryLister; calls: string[] } {
    const path = mkdtempSync(join(tmpdir(), 'ferry-names-'));
    for (const name of names) {
      const full = Buffer.concat([Buffer.from(`${path}/`), name]);
      if (name.toString().startsWith('dir')) mkdirSync(full);
      else writeFileSync(full, 'x');
    }
    const calls: string[] = [];
    const lister: DirectoryLister = {
      strings: (dir) => (calls.push('strings'), readdir(dir, { withFileTypes: true })),
      bytes: (dir) => (
        calls.push('bytes'),
        readdir(dir, { withFileTypes: true, encoding: 'buffer' })
      ),
    };
    return { path, lister, calls };
  }
  const names = (listed: { name: string }[]) => listed.map((entry) => entry.name).sort();

  it('lists a directory of UTF-8 names once, as strings', async () => {
    const dir = directory(
      ['plain.txt', 'caf\u00e9', 'cafe\u0301', '😀', 'dir-a'].map((n) => Buffer.from(n)),
    );
    try {
      const listed = await listEntryNames(dir.path, dir.lister);
      expect(dir.calls).toEqual(['strings']);
      expect(names(listed.valid)).toEqual(
        ['caf\u00e9', 'cafe\u0301', 'dir-a', 'plain.txt', '😀'].sort(),
      );
      expect(listed.valid.find((entry) => entry.name === 'dir-a')?.type.isDirectory()).toBe(true);
      expect(listed.invalid).toEqual([]);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });

  it('lists again as bytes when a name is not UTF-8, and keeps a real U+FFFD exactly', async () => {
    const dir = directory([
      bytes('bad', [0xff], '.txt'),
      bytes('dir-', [0xe9]),
      Buffer.from('real \uFFFD.txt'),
      Buffer.from('ok.txt'),
    ]);
    try {
      const listed = await listEntryNames(dir.path, dir.lister);
      expect(dir.calls).toEqual(['strings', 'bytes']);
      expect(names(listed.valid)).toEqual(['ok.txt', 'real \uFFFD.txt']);
      expect([...listed.invalid].sort((a, b) => (a.escaped < b.escaped ? -1 : 1))).toEqual([
        { escaped: 'bad\\xff.txt', isDirectory: false },
        { escaped: 'dir-\\xe9', isDirectory: true },
      ]);
      // Only a real U+FFFD also sends a listing of valid names to bytes: still exact.
      rmSync(Buffer.concat([Buffer.from(`${dir.path}/`), bytes('bad', [0xff], '.txt')]));
      rmSync(Buffer.concat([Buffer.from(`${dir.path}/`), bytes('dir-', [0xe9])]), {
        recursive: true,
      });
      dir.calls.length = 0;
      const again = await listEntryNames(dir.path, dir.lister);
      expect(dir.calls).toEqual(['strings', 'bytes']);
      expect(names(again.valid)).toEqual(['ok.txt', 'real \uFFFD.txt']);
      expect(again.invalid).toEqual([]);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });

  it('uses node:fs by default', async () => {
    const dir = directory([Buffer.from('one.txt')]);
    try {
      const listed = await listEntryNames(dir.path);
      expect(names(listed.valid)).toEqual(['one.txt']);
      expect((listed.valid[0]?.type as Dirent).isFile()).toBe(true);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });

  it('lists the same synchronously, bytes only when a name is not UTF-8', async () => {
    const dir = directory([
      bytes('bad', [0xff], '.txt'),
      Buffer.from('caf\u00e9'),
      Buffer.from('dir-a'),
    ]);
    try {
      const calls: string[] = [];
      const listed = listEntryNamesSync(dir.path, {
        strings: (path) => (calls.push('strings'), readdirSync(path, { withFileTypes: true })),
        bytes: (path) => (
          calls.push('bytes'),
          readdirSync(path, { withFileTypes: true, encoding: 'buffer' })
        ),
      });
      expect(calls).toEqual(['strings', 'bytes']);
      const listedAsync = await listEntryNames(dir.path, dir.lister);
      expect(names(listed.valid)).toEqual(names(listedAsync.valid));
      expect(names(listed.valid)).toEqual(['caf\u00e9', 'dir-a']);
      expect(listed.invalid).toEqual([{ escaped: 'bad\\xff.txt', isDirectory: false }]);
      rmSync(Buffer.concat([Buffer.from(`${dir.path}/`), bytes('bad', [0xff], '.txt')]));
      calls.length = 0;
      expect(names(listEntryNamesSync(dir.path).valid)).toEqual(['caf\u00e9', 'dir-a']);
    } finally {
      rmSync(dir.path, { recursive: true, force: true });
    }
  });
});
