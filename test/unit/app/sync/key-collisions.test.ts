import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  folderKeyMapping,
  KeyIndex,
  type KeyMapping,
} from '../../../../app/sync/key-collisions.js';
import { S3_KEY_RULES } from '../../../../app/sync/object-key.js';
import { pathArbitrary, walkOrder } from './walk-order-arbitraries.js';

const PREFIX = 'p/';
const MAPPINGS: [string, KeyMapping][] = [
  ['case-sensitive', folderKeyMapping(PREFIX)],
  ['case-insensitive', folderKeyMapping(PREFIX, { ...S3_KEY_RULES, caseInsensitive: true })],
];

/** The index as a plain list of local paths: what every answer must agree with. */
class Model {
  readonly paths = new Set<string>();
  constructor(private readonly mapping: KeyMapping) {}
  private sharing(relativePath: string): string[] {
    const identity = this.mapping.identityOfPath(relativePath);
    return [...this.paths].filter((path) => this.mapping.identityOfPath(path) === identity).sort();
  }
  othersOf(relativePath: string): string[] {
    const same = this.sharing(relativePath);
    return same.includes(relativePath) ? same.filter((path) => path !== relativePath) : [];
  }
  claimsKey(key: string): boolean {
    const identity = this.mapping.identityOfKey(key);
    return [...this.paths].some((path) => this.mapping.identityOfPath(path) === identity);
  }
  claimsPathOf(relativePath: string): boolean {
    return this.sharing(relativePath).some((path) => path !== relativePath);
  }
  /** KeyIndex.remove's answer: the others on the key when several shared it, else none. */
  remove(relativePath: string): string[] {
    const same = this.sharing(relativePath);
    this.paths.delete(relativePath);
    if (same.length <= 1) return [];
    return same.filter((path) => path !== relativePath);
  }
}

const operation = fc.oneof(
  fc.record({ op: fc.constant('add' as const), path: pathArbitrary }),
  fc.record({ op: fc.constant('remove' as const), path: pathArbitrary }),
);

describe('KeyIndex (issue 15: paths that are their own key kept in walk order, not a map)', () => {
  for (const [name, mapping] of MAPPINGS) {
    it(`answers like a list of the local paths, built in or out of walk order (${name})`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(pathArbitrary, { maxLength: 30 }),
          fc.boolean(),
          fc.array(operation, { maxLength: 20 }),
          fc.array(pathArbitrary, { maxLength: 10 }),
          (scanned, inWalkOrder, operations, probes) => {
            const index = KeyIndex.of(inWalkOrder ? walkOrder(scanned) : scanned, mapping);
            const model = new Model(mapping);
            for (const path of scanned) model.paths.add(path);
            for (const { op, path } of operations) {
              if (op === 'add') {
                index.add(path);
                model.paths.add(path);
              } else {
                expect(index.remove(path)).toEqual(model.remove(path));
              }
            }
            for (const path of [...probes, ...scanned]) {
              expect(index.othersOf(path)).toEqual(model.othersOf(path));
              expect(index.claimsPathOf(path)).toBe(model.claimsPathOf(path));
              expect(index.claimsKey(`${PREFIX}${path}`)).toBe(model.claimsKey(`${PREFIX}${path}`));
              expect(index.claimsKey(`other/${path}`)).toBe(false);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
