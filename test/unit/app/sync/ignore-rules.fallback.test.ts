import { describe, expect, it, vi } from 'vitest';

import type * as IgnoreInternals from '../../../../app/sync/ignore-internals.js';
import { IgnoreRules } from '../../../../app/sync/ignore-rules.js';

import { Reference } from './ignore-rules-reference.js';

// A version of `ignore` without RuleManager.test: IgnoreRules asks the public calls instead.
vi.mock('../../../../app/sync/ignore-internals.js', async (importOriginal) => ({
  ...(await importOriginal<typeof IgnoreInternals>()),
  onePathTest: () => null,
}));

describe('IgnoreRules on an `ignore` without its one-path test (issue 15 fallback)', () => {
  it('gives the same verdicts through the public calls', async () => {
    const rules = new IgnoreRules(['*.log', 'build/']);
    await rules.enterDirectory('a', ['.ferryignore'], () => Promise.resolve('!build/\n!keep.log'));
    const reference = new Reference(
      ['*.log', 'build/'],
      new Map([['a', '!build/\n!keep.log']]),
      false,
    );
    for (const [path, isDirectory] of [
      ['x.log', false],
      ['a/keep.log', false],
      ['a/build', true],
      ['a/build/x.log', false],
      ['b/build', true],
      ['b/.DS_Store', false],
      ['.Trash-1000', true],
      ['c/Thumbs.DB', false],
      ['c/notes.txt', false],
    ] as const) {
      expect(rules.isIgnored(path, isDirectory), path).toBe(reference.isIgnored(path, isDirectory));
    }
  });

  it('keeps emptying the caches that every file then fills', () => {
    const rules = new IgnoreRules(['*.log']);
    for (let i = 0; i < 5_000; i++) rules.isIgnored(`d${i % 100}/f${i}.txt`, false);
    const inside = rules as unknown as {
      defaults: Record<'_ignoreCache', object>;
      scopes: Map<string, { rules: Record<'_testCache', object> }>;
    };
    const root = inside.scopes.get('')?.rules._testCache ?? {};
    expect(Object.keys(inside.defaults._ignoreCache).length).toBeGreaterThan(500);
    expect(Object.keys(inside.defaults._ignoreCache).length).toBeLessThanOrEqual(2_000 + 100);
    expect(Object.keys(root).length).toBeGreaterThan(500);
    expect(Object.keys(root).length).toBeLessThanOrEqual(2_000 + 100);
  });
});
