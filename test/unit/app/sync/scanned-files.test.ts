import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ScannedFiles } from '../../../../app/sync/scanned-files.js';
import { pathArbitrary, walkOrder } from './walk-order-arbitraries.js';

describe('ScannedFiles', () => {
  it('reads like a map of LocalFile, in the order files were added', () => {
    const files = new ScannedFiles();
    files.add('b/two.txt', 2, 1732280000123.456);
    files.add('a/one.txt', 0, -5);
    expect(files.size).toBe(2);
    expect(files.get('b/two.txt')).toStrictEqual({
      relativePath: 'b/two.txt',
      size: 2,
      mtimeMs: 1732280000123.456,
    });
    expect(files.get('missing')).toBeUndefined();
    expect(files.has('a/one.txt')).toBe(true);
    expect([...files.keys()]).toEqual(['b/two.txt', 'a/one.txt']);
    expect(new Map(files)).toEqual(
      new Map([
        ['b/two.txt', { relativePath: 'b/two.txt', size: 2, mtimeMs: 1732280000123.456 }],
        ['a/one.txt', { relativePath: 'a/one.txt', size: 0, mtimeMs: -5 }],
      ]),
    );
  });

  it('keeps every size and mtime exactly past its growth (5 TiB, fractions)', () => {
    const files = new ScannedFiles();
    const count = 1_000; // several doublings of the typed arrays
    for (let i = 0; i < count; i++) files.add(`f${i}`, i * 5 * 2 ** 40, i + 0.0002);
    expect(files.size).toBe(count);
    for (const i of [0, 255, 256, 511, 999]) {
      const position = files.positionOf(`f${i}`);
      expect(files.pathAt(position)).toBe(`f${i}`);
      expect(files.sizeAt(position)).toBe(i * 5 * 2 ** 40);
      expect(files.mtimeAt(position)).toBe(i + 0.0002);
    }
    expect(files.positionOf('nope')).toBe(-1);
  });

  it('a path added again is updated in place, not listed twice', () => {
    const files = new ScannedFiles();
    files.add('a', 1, 1);
    files.add('b', 2, 2);
    files.add('a', 3, 3);
    expect([...files.values()]).toStrictEqual([
      { relativePath: 'a', size: 3, mtimeMs: 3 },
      { relativePath: 'b', size: 2, mtimeMs: 2 },
    ]);
  });

  it('from() keeps a compact scan as it is and copies a plain map; null is none', () => {
    const compact = new ScannedFiles();
    expect(ScannedFiles.from(compact)).toBe(compact);
    const copied = ScannedFiles.from(new Map([['x', { relativePath: 'x', size: 1, mtimeMs: 2 }]]));
    expect(copied.get('x')).toStrictEqual({ relativePath: 'x', size: 1, mtimeMs: 2 });
    expect(ScannedFiles.from(null).size).toBe(0);
  });
});

describe('ScannedFiles in walk order (issue 15: no map from path to position)', () => {
  it('finds every path, and no other, whether added in walk order or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pathArbitrary, { maxLength: 40 }),
        fc.array(pathArbitrary, { maxLength: 10 }),
        fc.boolean(),
        (paths, probes, shuffled) => {
          const order = shuffled ? [...paths].reverse() : walkOrder(paths);
          const files = new ScannedFiles();
          order.forEach((path, i) => files.add(path, i, i + 0.5));
          // Some added again: updated in place.
          for (const path of order.slice(0, 3)) files.add(path, -1, -1);
          expect(files.size).toBe(order.length);
          expect([...files.keys()]).toEqual(order);
          order.forEach((path, i) => {
            const position = files.positionOf(path);
            expect(files.pathAt(position)).toBe(path);
            expect(files.sizeAt(position)).toBe(i < 3 ? -1 : i);
          });
          for (const probe of probes) {
            expect(files.has(probe)).toBe(paths.includes(probe));
          }
        },
      ),
    );
  });

  it('looks paths up in walk order without a binary search each (the journal pass of the planner)', () => {
    const files = new ScannedFiles();
    const paths = Array.from({ length: 1000 }, (_, i) => `d${Math.floor(i / 100)}/f${1000 + i}`);
    paths.forEach((path, i) => files.add(path, i, i));
    paths.forEach((path, i) => expect(files.positionOf(path)).toBe(i));
    expect(files.searches).toBe(0);
    // Out of order, or a path that is not there: a binary search, and still the right answer.
    expect(files.positionOf('d5/f1500')).toBe(500);
    expect(files.positionOf('d5/f1499x')).toBe(-1);
    expect(files.positionOf('d5/f1501')).toBe(501);
    expect(files.searches).toBe(2);
  });

  it('finds every path whatever order the look-ups come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pathArbitrary, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (paths, picks) => {
          const order = walkOrder(paths);
          const files = new ScannedFiles();
          order.forEach((path, i) => files.add(path, i, i));
          for (const pick of picks) {
            const path = paths[pick % Math.max(1, paths.length)];
            if (path !== undefined) expect(files.positionOf(path)).toBe(order.indexOf(path));
          }
        },
      ),
    );
  });

  it('a path added out of walk order still finds the earlier ones, and later ones too', () => {
    const files = new ScannedFiles();
    files.add('b/2', 2, 2);
    files.add('b/10', 10, 10); // "1" < "2": out of walk order from here on
    files.add('c', 3, 3);
    expect(['b/2', 'b/10', 'c', 'a'].map((path) => files.positionOf(path))).toEqual([0, 1, 2, -1]);
  });
});
