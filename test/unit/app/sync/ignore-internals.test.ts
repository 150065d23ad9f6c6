import fc from 'fast-check';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';

import { DEFAULT_IGNORE_PATTERNS } from '../../../../app/sync/default-ignore-rules.js';
import { dropVerdictCache, onePathTest } from '../../../../app/sync/ignore-internals.js';

type Ignore = ReturnType<typeof ignore>;

/** `ignore`'s per-path caches (node_modules/ignore/index.js), reached past the types on purpose. */
function cachedPaths(rules: Ignore): number {
  const inside = rules as unknown as Record<'_ignoreCache' | '_testCache', object>;
  return Object.keys(inside._ignoreCache).length + Object.keys(inside._testCache).length;
}

const segment = fc.constantFrom('a', 'b', 'src', 'x.log', 'keep.log', 'Thumbs.DB', '.~lock.x#');
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((names) => names.join('/'));
/** Separators at the start, in the middle and at the end; negations; wildcards. */
const pattern = fc.constantFrom(
  '*.log',
  '!keep.log',
  'a/',
  '!a/',
  '/src',
  'a/b',
  'a/*.log',
  'src/**/x.log',
  '**/b',
  'b/',
  '*',
  '!*/',
  'thumbs.db',
  '[ab]',
);

describe('onePathTest (issue 15: a verdict without ignore’s per-path machinery)', () => {
  it('agrees with the public test on every path none of whose ancestors is excluded', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 6 }),
        fc.boolean(),
        path,
        fc.boolean(),
        (patterns, ignoreCase, relativePath, isDirectory) => {
          const rules = ignore({ ignoreCase }).add(patterns);
          const test = onePathTest(rules);
          expect(test).not.toBeNull();
          const names = relativePath.split('/');
          const ancestors = names.slice(0, -1).map((_, i) => `${names.slice(0, i + 1).join('/')}/`);
          fc.pre(ancestors.every((ancestor) => !rules.test(ancestor).ignored));
          const asked = relativePath + (isDirectory ? '/' : '');
          const expected = rules.test(asked);
          const result = test?.(asked);
          expect({ ignored: result?.ignored, unignored: result?.unignored }).toEqual({
            ignored: expected.ignored,
            unignored: expected.unignored,
          });
          expect(result?.rule?.pattern).toBe(expected.rule?.pattern);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps nothing per path: a long-running watcher asks about every name it meets', () => {
    const rules = ignore({ ignoreCase: true }).add([...DEFAULT_IGNORE_PATTERNS]);
    const test = onePathTest(rules);
    for (let i = 0; i < 5_000; i++) test?.(`d${i % 100}/f${i}.txt`);
    expect(test?.('d1/x.part').ignored).toBe(true);
    expect(cachedPaths(rules)).toBe(0);
    rules.test('d1/x.part');
    expect(cachedPaths(rules)).toBeGreaterThan(0); // the fields counted are the caches
  });

  it('is null for a version of ignore without RuleManager.test, so callers use the public calls', () => {
    const rules = ignore().add('*.log');
    const other = Object.assign(Object.create(Object.getPrototypeOf(rules) as object) as Ignore, {
      ...rules,
      _rules: {},
    });
    expect(onePathTest(other)).toBeNull();
  });
});

describe('dropVerdictCache', () => {
  it('empties the per-path caches and keeps the rules', () => {
    const rules = ignore().add('*.log');
    expect(rules.ignores('a/x.log')).toBe(true);
    expect(cachedPaths(rules)).toBeGreaterThan(0);
    expect(dropVerdictCache(rules)).toBe(true);
    expect(cachedPaths(rules)).toBe(0);
    expect(rules.ignores('a/x.log')).toBe(true);
  });
});
