import ignore from 'ignore';

type Ignore = ReturnType<typeof ignore>;

/** The per-directory rules file, gitignore syntax. */
export const IGNORE_FILE_NAME = '.ferryignore';

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

/** Paths tested before all rule sets (and their caches) are rebuilt. */
const CACHE_LIMIT = 100_000;
/**
 * Paths tested before the two rule sets every path meets (the defaults and the folder's own) are
 * rebuilt. `ignore` keeps a verdict object per path it is asked about: a scan of 100,000 files,
 * each asked about once, left ~10 MB of them to the old generation at its peak (issue 15).
 * Cached this briefly they die young; emptying the caches keeps the compiled rules.
 */
const HOT_CACHE_LIMIT = 2_000;

export interface IgnoreRulesOptions {
  /**
   * Match the folder's patterns and .ferryignore files without regard to case. Off by default,
   * as git does on Linux. The defaults always ignore case: Windows writes "Thumbs.db" and
   * "thumbs.db" alike.
   */
  readonly ignoreCase?: boolean;
}

/**
 * Which paths of a folder are not synced, with gitignore semantics: the defaults, then the
 * folder's configured patterns, then `.ferryignore` files, each scoped to its own directory and
 * overriding the ones above it (a deeper file's `!pattern` can re-include what a shallower one
 * excluded). An ignored directory hides everything below it. Paths are relative to the folder
 * root, '/'-separated, without leading or trailing '/'; names are compared in Unicode NFC.
 *
 * One known gap, as the `ignore` package cannot match a path without its parents: when a deeper
 * file re-includes a directory that a shallower rule set excluded, that shallower set's other
 * patterns no longer apply to the directory's contents.
 */
export class IgnoreRules {
  private defaults = ignore({ ignoreCase: true }).add([...DEFAULT_IGNORE_PATTERNS]);
  /** Rule sets by the directory they apply below; '' holds the folder's patterns. */
  private readonly scopes = new Map<string, Ignore>();
  /** .ferryignore contents by directory, to rebuild the rule sets from. */
  private readonly texts = new Map<string, string>();
  /** Verdicts for directories, which every path below asks about again. Cleared on rule changes. */
  private readonly directoryVerdicts = new Map<string, boolean>();
  /** Paths tested since the rule sets were built: `ignore` caches every one of them. */
  private tested = 0;
  private readonly ignoreCase: boolean;
  private readonly folderPatterns: readonly string[];

  constructor(folderPatterns: readonly string[] = [], options: IgnoreRulesOptions = {}) {
    this.ignoreCase = options.ignoreCase ?? false;
    this.folderPatterns = folderPatterns.map((pattern) => pattern.normalize('NFC'));
    this.rebuildScope('');
  }

  /** Whether the path (a file, or a directory when `isDirectory`) is excluded from syncing. */
  isIgnored(path: string, isDirectory: boolean): boolean {
    if (path === '') return false; // the folder root itself
    // Patterns and paths both in NFC: "café/" typed on Linux must match the NFD name macOS wrote.
    const relativePath = path.normalize('NFC');
    const segments = relativePath.split('/');
    let directory = '';
    for (let i = 0; i < segments.length - 1; i++) {
      directory = i === 0 ? (segments[0] ?? '') : `${directory}/${segments[i]}`;
      if (this.isDirectoryIgnored(directory)) return true;
    }
    return isDirectory ? this.isDirectoryIgnored(relativePath) : this.verdict(relativePath, false);
  }

  /**
   * The built-in pattern (DEFAULT_IGNORE_PATTERNS) that excludes this very path, or null: for
   * telling the user about exclusions they never wrote (issue 11). Ferry's own temporary files
   * (`.ferry-*`) are not reported: they are not the user's.
   */
  defaultRuleFor(path: string, isDirectory: boolean): string | null {
    const result = this.defaults.test(path.normalize('NFC') + (isDirectory ? '/' : ''));
    const rule = result.ignored ? (result.rule?.pattern ?? null) : null;
    return rule === '.ferry-*' ? null : rule;
  }

  /**
   * Called with a directory's entry names before any of them is matched: loads the directory's
   * .ferryignore when there is one, and drops rules whose file has disappeared. `readText` gets
   * the file's path relative to the root and returns null when it is missing; its errors
   * propagate, so a caller never syncs what an unreadable .ferryignore meant to exclude.
   */
  async enterDirectory(
    relativeDirectory: string,
    names: readonly string[],
    readText: (relativePath: string) => Promise<string | null>,
  ): Promise<void> {
    if (!names.includes(IGNORE_FILE_NAME)) {
      if (this.texts.has(relativeDirectory)) this.forgetDirectory(relativeDirectory);
      return;
    }
    const path =
      relativeDirectory === '' ? IGNORE_FILE_NAME : `${relativeDirectory}/${IGNORE_FILE_NAME}`;
    const text = await readText(path);
    if (text === null) {
      this.forgetDirectory(relativeDirectory);
      return;
    }
    this.texts.set(relativeDirectory, text.normalize('NFC'));
    this.rebuildScope(relativeDirectory);
  }

  /** Drops the rules of a directory's .ferryignore (it changed or went away). */
  forgetDirectory(relativeDirectory: string): void {
    this.texts.delete(relativeDirectory);
    this.rebuildScope(relativeDirectory);
  }

  private rebuildScope(directory: string): void {
    const text = this.texts.get(directory);
    if (directory === '') {
      // The root's .ferryignore is added after the folder's patterns so that, like a
      // .gitignore over .git/info/exclude, its rules win.
      // No patterns and no .ferryignore: no scope, rather than one that tests every path and
      // its parent directories against nothing (issue 15: ~0.5 µs a file).
      if (this.folderPatterns.length === 0 && text === undefined) this.scopes.delete('');
      else {
        const rules = ignore({ ignoreCase: this.ignoreCase }).add([...this.folderPatterns]);
        this.scopes.set('', text === undefined ? rules : rules.add(text));
      }
    } else if (text !== undefined) {
      this.scopes.set(directory, ignore({ ignoreCase: this.ignoreCase }).add(text));
    } else {
      this.scopes.delete(directory);
    }
    this.directoryVerdicts.clear();
  }

  /**
   * `ignore` caches the verdict of every path it was asked about, for the life of the rule set: in
   * a long-running watcher that is every file name ever seen. Starting afresh now and then bounds
   * the memory; rebuilding costs a few milliseconds.
   */
  private forgetCaches(): void {
    this.tested = 0;
    this.defaults = ignore({ ignoreCase: true }).add([...DEFAULT_IGNORE_PATTERNS]);
    for (const directory of [...this.scopes.keys()]) this.rebuildScope(directory);
  }

  /** Empties the verdict caches every path fills: the defaults' and the folder's own set's. */
  private forgetHotCaches(): void {
    const root = this.scopes.get('');
    if (!dropVerdictCache(this.defaults) || (root && !dropVerdictCache(root))) {
      this.forgetCaches();
    }
  }

  private isDirectoryIgnored(directory: string): boolean {
    let verdict = this.directoryVerdicts.get(directory);
    if (verdict === undefined) {
      verdict = this.verdict(directory, true);
      this.directoryVerdicts.set(directory, verdict);
    }
    return verdict;
  }

  /**
   * The verdict on one path whose ancestors are known not to be ignored: the deepest rule set
   * with a rule matching it decides, as with nested .gitignore files.
   */
  private verdict(relativePath: string, isDirectory: boolean): boolean {
    if (++this.tested > CACHE_LIMIT) this.forgetCaches();
    else if (this.tested % HOT_CACHE_LIMIT === 0) this.forgetHotCaches();
    const suffix = isDirectory ? '/' : '';
    if (this.defaults.ignores(relativePath + suffix)) return true;
    let scope = relativePath;
    for (;;) {
      const slash = scope.lastIndexOf('/');
      scope = slash < 0 ? '' : scope.slice(0, slash);
      const rules = this.scopes.get(scope);
      if (rules) {
        const below = scope === '' ? relativePath : relativePath.slice(scope.length + 1);
        const result = rules.test(below + suffix);
        // Ignored only through a parent directory this set excludes: a deeper set re-included
        // that directory (or we would not be here), so this set has nothing to say about the path.
        if (result.ignored && !isParentIgnored(rules, below)) return true;
        if (result.unignored) return false;
      }
      if (scope === '') return false;
    }
  }
}

function isParentIgnored(rules: Ignore, path: string): boolean {
  const slash = path.lastIndexOf('/');
  return slash >= 0 && rules.test(path.slice(0, slash + 1)).ignored;
}

/**
 * Empties an `ignore` set's per-path verdict caches, keeping its compiled rules: ignore 7's own
 * `_initCache` (node_modules/ignore/index.js, run by `add` whenever rules change). Not public
 * API: false when a version lacks it, and the caller rebuilds the set instead.
 */
function dropVerdictCache(rules: Ignore): boolean {
  const internal = rules as Ignore & { _initCache?: (() => void) | undefined };
  if (typeof internal._initCache !== 'function') return false;
  internal._initCache();
  return true;
}
