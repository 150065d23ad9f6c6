import ignore from 'ignore';

import { DEFAULT_IGNORE_PATTERNS } from '../../../../app/sync/ignore-rules.js';

type Ignore = ReturnType<typeof ignore>;

/**
 * IgnoreRules' algorithm before issue 15's changes, without any cache or shortcut, as the oracle
 * of the property tests: every ancestor, then the path, each asked of `ignore`'s public
 * `ignores`/`test` with its whole relative path; the deepest rule set with a matching rule
 * decides, unless it matches only through a parent directory it excludes.
 */
export class Reference {
  private readonly defaults = ignore({ ignoreCase: true }).add([...DEFAULT_IGNORE_PATTERNS]);
  private readonly scopes = new Map<string, Ignore>();

  constructor(
    folderPatterns: readonly string[],
    private readonly texts: ReadonlyMap<string, string>,
    private readonly ignoreCase: boolean,
  ) {
    const patterns = folderPatterns.map((pattern) => pattern.normalize('NFC'));
    const root = this.texts.get('');
    if (patterns.length > 0 || root !== undefined) {
      const rules = ignore({ ignoreCase }).add(patterns);
      this.scopes.set('', root === undefined ? rules : rules.add(root.normalize('NFC')));
    }
    for (const [directory, text] of this.texts) {
      if (directory !== '') this.scopes.set(directory, this.rules().add(text.normalize('NFC')));
    }
  }

  isIgnored(path: string, isDirectory: boolean): boolean {
    if (path === '') return false;
    const relativePath = path.normalize('NFC');
    const segments = relativePath.split('/');
    for (let i = 1; i < segments.length; i++) {
      if (this.verdict(segments.slice(0, i).join('/'), true)) return true;
    }
    return this.verdict(relativePath, isDirectory);
  }

  defaultRuleFor(path: string, isDirectory: boolean): string | null {
    const result = this.defaults.test(path.normalize('NFC') + (isDirectory ? '/' : ''));
    const rule = result.ignored ? (result.rule?.pattern ?? null) : null;
    return rule === '.ferry-*' ? null : rule;
  }

  private rules(): Ignore {
    return ignore({ ignoreCase: this.ignoreCase });
  }

  private verdict(relativePath: string, isDirectory: boolean): boolean {
    const suffix = isDirectory ? '/' : '';
    if (this.defaults.ignores(relativePath + suffix)) return true;
    const segments = relativePath.split('/');
    for (let depth = segments.length - 1; depth >= 0; depth--) {
      const scope = segments.slice(0, depth).join('/');
      const rules = this.scopes.get(scope);
      if (!rules) continue;
      const below = segments.slice(depth).join('/');
      const result = rules.test(below + suffix);
      const slash = below.lastIndexOf('/');
      const parentIgnored = slash >= 0 && rules.test(below.slice(0, slash + 1)).ignored;
      if (result.ignored && !parentIgnored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}
