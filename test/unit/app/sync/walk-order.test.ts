import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compareWalkOrder, searchWalkOrder } from '../../../../app/sync/walk-order.js';
import { pathArbitrary, walkOrder } from './walk-order-arbitraries.js';

describe('walk order', () => {
  it('compareWalkOrder orders paths component by component, as the walk yields them', () => {
    expect(compareWalkOrder('a/b', 'a.txt')).toBeLessThan(0); // "." < "/" as characters
    expect(compareWalkOrder('a b/c', 'a/c')).toBeGreaterThan(0);
    expect(compareWalkOrder('a', 'a/b')).toBeLessThan(0);
    expect(compareWalkOrder('x/y', 'x/y')).toBe(0);
    fc.assert(
      fc.property(fc.uniqueArray(pathArbitrary, { maxLength: 30 }), (paths) => {
        const sorted = walkOrder(paths);
        for (let i = 1; i < sorted.length; i++) {
          expect(compareWalkOrder(sorted[i - 1] ?? '', sorted[i] ?? '')).toBeLessThan(0);
        }
      }),
    );
  });

  it('searchWalkOrder finds each path of a walk-ordered array, and no other', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pathArbitrary, { maxLength: 40 }),
        fc.array(pathArbitrary, { maxLength: 10 }),
        (paths, probes) => {
          const sorted = walkOrder(paths);
          sorted.forEach((path, i) => expect(searchWalkOrder(sorted, path)).toBe(i));
          for (const probe of probes) {
            expect(searchWalkOrder(sorted, probe)).toBe(sorted.indexOf(probe));
          }
        },
      ),
    );
  });
});
