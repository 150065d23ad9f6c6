import ignore from 'ignore';
import { describe, expect, it, vi } from 'vitest';

import { DEFAULT_IGNORE_PATTERNS, IgnoreRules } from '../../../../app/sync/ignore-rules.js';

/** readText over a map of relative paths, recording what was read. */
function files(contents: Record<string, string>): {
  read: string[];
  readText: (relativePath: string) => Promise<string | null>;
} {
  const read: string[] = [];
  return {
    read,
    readText: (relativePath) => {
      read.push(relativePath);
      return Promise.resolve(contents[relativePath] ?? null);
    },
  };
}

/** IgnoreRules with .ferryignore files loaded the way a walk would (top-down). */
async function rulesWith(
  folderPatterns: readonly string[],
  ignoreFiles: Record<string, string>,
): Promise<IgnoreRules> {
  const rules = new IgnoreRules(folderPatterns);
  const { readText } = files(ignoreFiles);
  const directories = Object.keys(ignoreFiles)
    .map((path) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const directory of directories) {
    await rules.enterDirectory(directory, ['.ferryignore'], readText);
  }
  return rules;
}

describe('IgnoreRules defaults', () => {
  const rules = new IgnoreRules();

  it.each([
    ['.DS_Store', false],
    ['photos/2026/.DS_Store', false],
    ['Thumbs.db', false],
    ['thumbs.db', false], // the defaults ignore case
    ['Desktop.ini', false],
    ['desktop.ini', false],
    ['ehthumbs.db', false],
    ['docs/~$report.docx', false],
    ['.~lock.report.odt#', false],
    ['notes.txt.swp', false],
    ['x.swo', false],
    ['x.swx', false],
    ['.notes.txt.swn', false],
    ['video.mp4.crdownload', false],
    ['video.mp4.part', false],
    ['video.mp4.partial', false],
    ['video.mp4.download', false],
    ['.ferry-upload-1234', false],
    ['sub/.ferry-tmp', false],
    ['.Trash-1000', true],
    ['.Trash-1000/files/a.txt', false],
    ['$RECYCLE.BIN', true],
    ['D/$RECYCLE.BIN/S-1-5/x', false],
    ['System Volume Information', true],
    ['System Volume Information/IndexerVolumeGuid', false],
  ])('ignores %j (directory: %s)', (path, isDirectory) => {
    expect(rules.isIgnored(path, isDirectory)).toBe(true);
  });

  it.each([
    ['notes.txt~', false], // `*~` is deliberately not a default
    ['build.tmp', false], // nor `*.tmp`
    ['report.docx', false],
    ['part', false],
    ['my.part.txt', false],
    ['x.download.txt', false],
    ['.Trash-1000', false], // a file of that name: the pattern is for directories
    ['Trash-1000', true],
    ['ferry-notes.txt', false],
    ['swp/readme', false],
    ['', true], // the folder root is never ignored
  ])('keeps %j (directory: %s)', (path, isDirectory) => {
    expect(rules.isIgnored(path, isDirectory)).toBe(false);
  });

  it('leaves `*~` and `*.tmp` to the user', () => {
    expect(DEFAULT_IGNORE_PATTERNS).not.toContain('*~');
    expect(DEFAULT_IGNORE_PATTERNS).not.toContain('*.tmp');
    expect(new IgnoreRules(['*~', '*.tmp']).isIgnored('notes.txt~', false)).toBe(true);
  });

  it('cannot be negated: our temp files and OS droppings stay out', () => {
    const negated = new IgnoreRules(['!.DS_Store', '!.ferry-*']);
    expect(negated.isIgnored('.DS_Store', false)).toBe(true);
    expect(negated.isIgnored('.ferry-part-1', false)).toBe(true);
  });
});

describe("IgnoreRules with the folder's patterns", () => {
  const rules = new IgnoreRules([
    '*.log',
    '!keep.log',
    'build/',
    '/top.txt',
    'docs/**/*.bak',
    'cache',
    'logs/',
    '!logs/keep.txt',
  ]);

  it.each([
    ['app.log', false, true],
    ['deep/a/b/app.log', false, true],
    ['keep.log', false, false],
    ['deep/keep.log', false, false],
    ['build', true, true],
    ['build', false, false], // a file called build: `build/` means directories only
    ['build/out/main.js', false, true], // an ignored directory hides everything below it
    ['src/build', true, true],
    ['src/build/x.o', false, true],
    ['top.txt', false, true],
    ['sub/top.txt', false, false], // anchored to the folder root
    ['docs/a.bak', false, true],
    ['docs/x/y/a.bak', false, true],
    ['other/a.bak', false, false],
    ['cache', true, true],
    ['cache', false, true],
    ['cache/x', false, true],
    ['logs/keep.txt', false, true], // git cannot re-include a file of an excluded directory
    ['readme.md', false, false],
  ])('%j (directory: %s) → ignored: %s', (path, isDirectory, ignored) => {
    expect(rules.isIgnored(path, isDirectory)).toBe(ignored);
  });

  it('compares names in NFC, whichever form the pattern or the disk uses', async () => {
    const nfcPattern = new IgnoreRules(['caf\u00e9/']);
    expect(nfcPattern.isIgnored('cafe\u0301', true)).toBe(true);
    expect(nfcPattern.isIgnored('cafe\u0301/menu.txt', false)).toBe(true);
    const nfdFile = await rulesWith([], {
      '.ferryignore': 'r\u00e9sum\u00e9*.doc'.normalize('NFD'),
    });
    expect(nfdFile.isIgnored('r\u00e9sum\u00e9 2026.doc', false)).toBe(true);
  });

  it('matches case-sensitively unless asked not to', () => {
    expect(new IgnoreRules(['*.LOG']).isIgnored('app.log', false)).toBe(false);
    expect(new IgnoreRules(['*.LOG'], { ignoreCase: true }).isIgnored('app.log', false)).toBe(true);
  });
});

describe('IgnoreRules with .ferryignore files', () => {
  it('reads .ferryignore only when the directory has one, by its relative path', async () => {
    const rules = new IgnoreRules();
    const { read, readText } = files({ '.ferryignore': '*.bak', 'a/b/.ferryignore': '*.tmp' });
    await rules.enterDirectory('', ['x.txt', 'a'], readText);
    await rules.enterDirectory('', ['x.txt', '.ferryignore', 'a'], readText);
    await rules.enterDirectory('a', ['b'], readText);
    await rules.enterDirectory('a/b', ['.ferryignore', 'c.tmp'], readText);
    expect(read).toEqual(['.ferryignore', 'a/b/.ferryignore']);
    expect(rules.isIgnored('x.bak', false)).toBe(true);
    expect(rules.isIgnored('a/b/c.tmp', false)).toBe(true);
  });

  it('scopes a nested file to its own directory, gitignore-style', async () => {
    const rules = await rulesWith([], {
      'a/.ferryignore': '# scratch files\n\n*.tmp\n/local.txt\n!important.tmp\nout/\n',
    });
    const cases: [string, boolean, boolean][] = [
      ['a/x.tmp', false, true],
      ['a/deep/y.tmp', false, true],
      ['x.tmp', false, false], // above the file: not its business
      ['b/x.tmp', false, false], // a sibling directory
      ['a/local.txt', false, true], // anchored to a/
      ['a/deep/local.txt', false, false],
      ['local.txt', false, false],
      ['a/important.tmp', false, false], // negation within the same file
      ['a/out', true, true],
      ['a/out/x.js', false, true],
      ['a/deep/out/x.js', false, true],
      ['out/x.js', false, false],
    ];
    for (const [path, isDirectory, ignored] of cases) {
      expect([path, rules.isIgnored(path, isDirectory)]).toEqual([path, ignored]);
    }
  });

  it('lets a deeper file override a shallower one, both ways', async () => {
    const rules = await rulesWith(['*.psd'], {
      '.ferryignore': '*.log\nbuild/\n!keep.psd',
      'a/.ferryignore': '!*.log\n!build/',
      'a/b/.ferryignore': 'x.log',
    });
    const cases: [string, boolean, boolean][] = [
      ['x.log', false, true],
      ['z/x.log', false, true],
      ['a/x.log', false, false], // re-included by a/.ferryignore
      ['a/b/y.log', false, false],
      ['a/b/x.log', false, true], // excluded again by a/b/.ferryignore
      ['build', true, true],
      ['build/x', false, true],
      ['a/build', true, false], // a deeper file re-includes a directory
      ['a/build/x', false, false],
      ['photo.psd', false, true], // the folder's pattern…
      ['keep.psd', false, false], // …overridden by the root .ferryignore
    ];
    for (const [path, isDirectory, ignored] of cases) {
      expect([path, rules.isIgnored(path, isDirectory)]).toEqual([path, ignored]);
    }
  });

  it('hides everything below a directory the rules exclude, however deep', async () => {
    const rules = await rulesWith([], { 'a/.ferryignore': 'node_modules/' });
    expect(rules.isIgnored('a/x/node_modules', true)).toBe(true);
    expect(rules.isIgnored('a/x/node_modules/pkg/lib/index.js', false)).toBe(true);
    expect(rules.isIgnored('a/x/node_modules/pkg/lib', true)).toBe(true);
    expect(rules.isIgnored('node_modules/pkg/index.js', false)).toBe(false);
  });

  it('forgets a directory’s rules when told, and when the file is gone', async () => {
    const rules = await rulesWith([], { 'a/.ferryignore': 'secret/\n*.tmp' });
    expect(rules.isIgnored('a/secret/key.txt', false)).toBe(true); // caches a/secret's verdict
    rules.forgetDirectory('a');
    expect(rules.isIgnored('a/secret/key.txt', false)).toBe(false);
    expect(rules.isIgnored('a/x.tmp', false)).toBe(false);

    await rules.enterDirectory(
      'a',
      ['.ferryignore'],
      files({ 'a/.ferryignore': '*.tmp' }).readText,
    );
    expect(rules.isIgnored('a/x.tmp', false)).toBe(true);
    await rules.enterDirectory('a', ['x.tmp'], files({}).readText); // the .ferryignore was deleted
    expect(rules.isIgnored('a/x.tmp', false)).toBe(false);

    await rules.enterDirectory(
      'a',
      ['.ferryignore'],
      files({ 'a/.ferryignore': '*.tmp' }).readText,
    );
    await rules.enterDirectory('a', ['.ferryignore'], files({}).readText); // vanished meanwhile
    expect(rules.isIgnored('a/x.tmp', false)).toBe(false);
  });

  it('replaces a changed .ferryignore instead of adding to it', async () => {
    const rules = await rulesWith([], { 'a/.ferryignore': '*.tmp' });
    await rules.enterDirectory(
      'a',
      ['.ferryignore'],
      files({ 'a/.ferryignore': '*.bak' }).readText,
    );
    expect(rules.isIgnored('a/x.tmp', false)).toBe(false);
    expect(rules.isIgnored('a/x.bak', false)).toBe(true);
  });

  it("keeps the folder's patterns when the root .ferryignore is forgotten", async () => {
    const rules = await rulesWith(['*.psd'], { '.ferryignore': '*.log' });
    rules.forgetDirectory('');
    expect(rules.isIgnored('x.log', false)).toBe(false);
    expect(rules.isIgnored('x.psd', false)).toBe(true);
  });

  it('skips a UTF-8 byte order mark at the start of the file', async () => {
    const rules = await rulesWith([], { '.ferryignore': '\uFEFF*.bak\n' });
    expect(rules.isIgnored('x.bak', false)).toBe(true);
  });

  it('still applies every rule after its caches are dropped (every 100,000 paths)', async () => {
    const rules = await rulesWith(['*.log'], { 'a/.ferryignore': '*.tmp\n!keep.tmp' });
    for (let i = 0; i < 100_005; i++) rules.isIgnored(`d${i % 100}/f${i}.txt`, false);
    expect(rules.isIgnored('x.log', false)).toBe(true);
    expect(rules.isIgnored('a/x.tmp', false)).toBe(true);
    expect(rules.isIgnored('a/keep.tmp', false)).toBe(false);
    expect(rules.isIgnored('.DS_Store', false)).toBe(true);
  });

  it('keeps the verdict caches every path fills small (issue 15: memory at 100,000 files)', () => {
    const rules = new IgnoreRules(['*.log']);
    for (let i = 0; i < 5_000; i++) rules.isIgnored(`d${i % 100}/f${i}.txt`, false);
    // ignore's own caches (node_modules/ignore/index.js), reached past the types on purpose.
    const cached = (field: 'defaults' | 'root', cache: '_ignoreCache' | '_testCache') => {
      const inside = rules as unknown as {
        defaults: Record<string, Record<string, object>>;
        scopes: Map<string, Record<string, Record<string, object>>>;
      };
      const set = field === 'defaults' ? inside.defaults : inside.scopes.get('');
      return Object.keys(set?.[cache] ?? {}).length;
    };
    expect(cached('defaults', '_ignoreCache')).toBeLessThanOrEqual(2_000 + 100);
    expect(cached('root', '_testCache')).toBeLessThanOrEqual(2_000 + 100);
    expect(cached('defaults', '_ignoreCache')).toBeGreaterThan(0); // the fields are the caches
    expect(rules.isIgnored('x.log', false)).toBe(true);
  });

  it('lets a failure to read the file propagate (the caller must not sync blindly)', async () => {
    const rules = new IgnoreRules();
    const failing = () => Promise.reject(new Error('EACCES'));
    await expect(rules.enterDirectory('a', ['.ferryignore'], failing)).rejects.toThrow('EACCES');
  });
});

describe('IgnoreRules.defaultRuleFor (issue 11: say which built-in rule left a path out)', () => {
  const rules = new IgnoreRules(['*.log']);
  it.each<[string, boolean, string | null]>([
    ['~$report.docx', false, '~$*'],
    ['sub/film.mkv.part', false, '*.part'],
    ['.Trash-1000', true, '.Trash-*/'],
    ['THUMBS.DB', false, 'Thumbs.db'],
    ['app.log', false, null], // the user's own pattern: no report
    ['.ferry-upload-1', false, null], // Ferry's own temporary file
    ['notes.txt', false, null],
  ])('%s → %s', (path, isDirectory, rule) => {
    expect(rules.defaultRuleFor(path, isDirectory)).toBe(rule);
  });
});

describe('IgnoreRules without folder patterns or a root .ferryignore (issue 15)', () => {
  it('tests paths against the default rules only, not against an empty root scope', () => {
    const test = vi.spyOn(Object.getPrototypeOf(ignore()) as ReturnType<typeof ignore>, 'test');
    try {
      const rules = new IgnoreRules();
      expect(rules.isIgnored('a/b/report.txt', false)).toBe(false);
      expect(rules.isIgnored('a/b/.DS_Store', false)).toBe(true);
      expect(rules.isIgnored('a/$RECYCLE.BIN', true)).toBe(true);
      expect(test).not.toHaveBeenCalled();
      // A folder pattern brings the root scope back.
      const withPattern = new IgnoreRules(['*.log']);
      expect(withPattern.isIgnored('a/b/x.log', false)).toBe(true);
      expect(withPattern.isIgnored('a/b/x.txt', false)).toBe(false);
      expect(test).toHaveBeenCalled();
    } finally {
      test.mockRestore();
    }
  });

  it('a root .ferryignore added later still applies, and forgetting it drops the scope again', async () => {
    const rules = new IgnoreRules();
    const tree = files({ '.ferryignore': 'secret/\n' });
    await rules.enterDirectory('', ['.ferryignore', 'secret'], tree.readText);
    expect(rules.isIgnored('secret', true)).toBe(true);
    expect(rules.isIgnored('secret/a.txt', false)).toBe(true);
    await rules.enterDirectory('', ['secret'], tree.readText);
    expect(rules.isIgnored('secret', true)).toBe(false);
    expect(rules.isIgnored('secret/a.txt', false)).toBe(false);
  });
});
