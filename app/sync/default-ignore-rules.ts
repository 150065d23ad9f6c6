import type ignore from 'ignore';

export type Ignore = ReturnType<typeof ignore>;
type TestResult = ReturnType<Ignore['test']>;

/**
 * Always ignored, whatever the folder's patterns say: OS and editor droppings, lock files,
 * unfinished downloads, and Ferry's own temporary files. Deliberately not `*~` or `*.tmp`: too
 * many real documents match them; users who want them ignored add them.
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  '.DS_Store',
  'Thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '~$*', // Microsoft Office lock files
  '.~lock.*#', // LibreOffice lock files
  '*.swp',
  '*.swo',
  '*.swx',
  '.*.sw?', // vim swap files
  '*.crdownload',
  '*.part',
  '*.partial',
  '*.download',
  '.ferry-*', // our own temporary files
  '.Trash-*/',
  '$RECYCLE.BIN/',
  'System Volume Information/',
];

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
