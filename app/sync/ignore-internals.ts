import type ignore from 'ignore';

/*
 * Two calls into `ignore` 7's internals (node_modules/ignore/index.js), each with a fallback to
 * its public API when a version lacks them: IgnoreRules' per-file speed and bounded memory rest
 * on them (issue 15). An upgrade of `ignore` is checked by ignore-internals.test.ts and
 * ignore-rules.fallback.test.ts.
 */

export type Ignore = ReturnType<typeof ignore>;
type TestResult = ReturnType<Ignore['test']>;

/** A rule set's verdict on a file's path (relative, NFC) none of whose ancestors it excludes. */
export type OnePathTest = (path: string) => TestResult;

/**
 * The rules' verdict on the path itself, the last rule to match deciding: ignore 7's
 * `RuleManager.test(path, 'regex')` (node_modules/ignore/index.js), which `ignores` and `test`
 * end in after checking the path is relative, walking its parent directories (each its own
 * cached verdict, and an excluded one decides) and looking the path up in their per-path cache.
 * Right only when the caller knows no ancestor is excluded; then it skips all of that work and
 * keeps no state, so nothing grows with the paths asked. Not public API: null when a version
 * lacks it, and the caller asks the public `test` and empties its caches now and then.
 */
export function onePathTest(rules: Ignore): OnePathTest | null {
  const manager = (rules as Ignore & { _rules?: { test?: unknown } })._rules;
  const test = manager?.test;
  if (typeof test !== 'function' || test.length !== 2) return null;
  return (path) => test.call(manager, path, 'regex') as TestResult;
}

/**
 * Empties an `ignore` set's per-path verdict caches, keeping its compiled rules: ignore 7's own
 * `_initCache` (node_modules/ignore/index.js, run by `add` whenever rules change). Not public
 * API: false when a version lacks it, and the caller rebuilds the set instead.
 */
export function dropVerdictCache(rules: Ignore): boolean {
  const internal = rules as Ignore & { _initCache?: (() => void) | undefined };
  if (typeof internal._initCache !== 'function') return false;
  internal._initCache();
  return true;
}
