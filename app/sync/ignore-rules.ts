import ignore from 'ignore';

import { DEFAULT_IGNORE_PATTERNS } from './default-ignore-rules.js';
import {
  dropVerdictCache,
  onePathTest,
  type Ignore,
  type OnePathTest,
} from './ignore-internals.js';

export { DEFAULT_IGNORE_PATTERNS } from './default-ignore-rules.js';

/** The per-directory rules file, gitignore syntax. */
export const IGNORE_FILE_NAME = '.ferryignore';

/** Paths tested before all rule sets (and their caches) are rebuilt. */
const CACHE_LIMIT = 100_000;
/**
 * Paths tested before the two rule sets every path meets (the defaults and the folder's own) are
 * emptied of their verdicts, when files are asked about through `ignore`'s public calls (see
 * `onePathTest`). Those keep a verdict object per path: a scan of 100,000 files, each asked
 * about once, left ~10 MB of them to the old generation at its peak (issue 15). Cached this
 * briefly they die young; emptying the caches keeps the compiled rules.
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
  private defaults = compileDefaults();
  /** `defaults`' rules on one path, none of whose ancestors they exclude (see `verdict`). */
  private defaultsOnFile: OnePathTest | null = onePathTest(this.defaults);
  /** Rule sets by the directory they apply below; '' holds the folder's patterns. */
  private readonly scopes = new Map<string, Scope>();
  /** .ferryignore contents by directory, to rebuild the rule sets from. */
  private readonly texts = new Map<string, string>();
  /** Verdicts for directories, which every path below asks about again. Cleared on rule changes. */
  private readonly directoryVerdicts = new Map<string, boolean>();
  /**
   * The last directory found kept along with all its ancestors, or null. A walk asks about a
   * directory's entries one after another, and they skip re-deriving each ancestor's path and
   * looking it up: on paths 3 to 5 deep that string building and hashing cost as much as the
   * rules (issue 15). Cleared with `directoryVerdicts`.
   */
  private keptDirectory: string | null = null;
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
    const slash = relativePath.lastIndexOf('/');
    if (slash >= 0) {
      const parent = relativePath.slice(0, slash);
      if (parent !== this.keptDirectory) {
        if (this.isAncestryIgnored(parent)) return true;
        this.keptDirectory = parent;
      }
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
        this.scopes.set('', scopeOf(text === undefined ? rules : rules.add(text)));
      }
    } else if (text !== undefined) {
      this.scopes.set(directory, scopeOf(ignore({ ignoreCase: this.ignoreCase }).add(text)));
    } else {
      this.scopes.delete(directory);
    }
    this.directoryVerdicts.clear();
    this.keptDirectory = null;
  }

  /**
   * `ignore` caches the verdict of every path it was asked about, for the life of the rule set: in
   * a long-running watcher that is every file name ever seen. Starting afresh now and then bounds
   * the memory; rebuilding costs a few milliseconds.
   */
  private forgetCaches(): void {
    this.tested = 0;
    this.defaults = compileDefaults();
    this.defaultsOnFile = onePathTest(this.defaults);
    for (const directory of [...this.scopes.keys()]) this.rebuildScope(directory);
  }

  /**
   * Empties the verdict caches every path fills: the defaults' and the folder's own set's, when
   * files go through `ignore`'s public calls. Otherwise those caches hold only directories (and
   * the paths `defaultRuleFor` is asked about), like `directoryVerdicts`, until CACHE_LIMIT.
   */
  private forgetHotCaches(): void {
    const root = this.scopes.get('');
    const stale = [
      this.defaultsOnFile ? null : this.defaults,
      root && !root.onFile ? root.rules : null,
    ];
    if (stale.some((rules) => rules && !dropVerdictCache(rules))) this.forgetCaches();
  }

  /** Whether the directory or one of its ancestors is excluded, asking from the top down. */
  private isAncestryIgnored(directory: string): boolean {
    for (let slash = directory.indexOf('/'); ; slash = directory.indexOf('/', slash + 1)) {
      if (this.isDirectoryIgnored(slash < 0 ? directory : directory.slice(0, slash))) return true;
      if (slash < 0) return false;
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
   *
   * As no ancestor is excluded, a file needs only the rules' verdict on its own path: `ignore`'s
   * public calls would walk every parent directory again and cache a verdict per path (issue
   * 15: ~2 of the ~3.3 µs a file cost went there, not to the regular expressions). Directories,
   * each asked about once, keep to the public calls.
   */
  private verdict(relativePath: string, isDirectory: boolean): boolean {
    if (++this.tested > CACHE_LIMIT) this.forgetCaches();
    else if (this.tested % HOT_CACHE_LIMIT === 0) this.forgetHotCaches();
    const suffix = isDirectory ? '/' : '';
    const defaultsOnFile = isDirectory ? null : this.defaultsOnFile;
    if (
      defaultsOnFile
        ? defaultsOnFile(relativePath).ignored
        : this.defaults.ignores(relativePath + suffix)
    ) {
      return true;
    }
    let scope = relativePath;
    for (;;) {
      const slash = scope.lastIndexOf('/');
      scope = slash < 0 ? '' : scope.slice(0, slash);
      const set = this.scopes.get(scope);
      if (set) {
        const below = scope === '' ? relativePath : relativePath.slice(scope.length + 1);
        const onFile = isDirectory ? null : set.onFile;
        const result = onFile ? onFile(below) : set.rules.test(below + suffix);
        // Ignored only through a parent directory this set excludes: a deeper set re-included
        // that directory (or we would not be here), so this set has nothing to say about the path.
        if ((result.ignored || result.unignored) && !isParentIgnored(set.rules, below)) {
          return result.ignored;
        }
      }
      if (scope === '') return false;
    }
  }
}

/** A rule set, and its test of one path whose parent directories it does not exclude. */
interface Scope {
  readonly rules: Ignore;
  readonly onFile: OnePathTest | null;
}

function scopeOf(rules: Ignore): Scope {
  return { rules, onFile: onePathTest(rules) };
}

/** The defaults always ignore case: Windows writes "Thumbs.db" and "thumbs.db" alike. */
function compileDefaults(): Ignore {
  return ignore({ ignoreCase: true }).add([...DEFAULT_IGNORE_PATTERNS]);
}

function isParentIgnored(rules: Ignore, path: string): boolean {
  const slash = path.lastIndexOf('/');
  return slash >= 0 && rules.test(path.slice(0, slash + 1)).ignored;
}
