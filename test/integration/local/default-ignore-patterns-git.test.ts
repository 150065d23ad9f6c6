import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DEFAULT_IGNORE_PATTERNS, IgnoreRules } from '../../../app/sync/ignore-rules.js';

/**
 * Ferry's defaults are gitignore patterns: held to git itself (issue 15, after IgnoreRules
 * stopped asking `ignore` through its public calls). `git check-ignore --no-index` matches
 * paths against a .gitignore without needing the files; a trailing '/' makes a path a
 * directory, and an excluded ancestor excludes what is below it. Ferry's defaults ignore case;
 * git on Linux does not unless core.ignorecase is set, so it is set here.
 */
const PATHS: readonly string[] = [
  '.DS_Store',
  'a/b/.ds_store',
  '.DS_Store/',
  'x.DS_Store',
  'Thumbs.db',
  'THUMBS.DB',
  'docs/thumbs.Db',
  'Thumbs.db.txt',
  'ehthumbs.db',
  'Desktop.INI',
  'a/desktop.ini/',
  '~$report.docx',
  'docs/~$',
  'x~$y',
  '.~lock.report.odt#',
  '.~LOCK.x#',
  '.~lock.x',
  'notes.txt.swp',
  'a.SWP',
  'b.swo',
  'c.Swx',
  '.foo.swn',
  '.foo.swp',
  '.swp',
  'x.sw',
  'video.mp4.crdownload',
  'video.mp4.part',
  'x.Partial',
  'my.part.txt',
  'part',
  'x.download',
  'x.download.txt',
  '.ferry-upload-1',
  'sub/.FERRY-tmp',
  'ferry-notes.txt',
  '.Trash-1000',
  '.Trash-1000/',
  '.trash-/',
  '.Trash-1000/files/a.txt',
  'Trash-1000/',
  '$RECYCLE.BIN',
  '$RECYCLE.BIN/',
  'D/$recycle.bin/S-1-5/x',
  'System Volume Information/',
  'system volume information/IndexerVolumeGuid',
  'System Volume Information',
  'notes.txt~',
  'build.tmp',
  'report.docx',
  'photos/2026/IMG_0001.JPG',
  'src/index.js',
  '.gitignore',
];

let repository: string | undefined;

/** git's verdict on each path: the pattern that excludes it, or null. */
function gitVerdicts(paths: readonly string[]): Map<string, string | null> {
  repository = mkdtempSync(join(tmpdir(), 'ferry-git-ignore-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '--quiet', repository], { env });
  writeFileSync(join(repository, '.gitignore'), `${DEFAULT_IGNORE_PATTERNS.join('\n')}\n`);
  // -z: NUL-separated "source, line, pattern, path" per path; -n lists unmatched paths too,
  // with an empty source. Exit status 1 only means nothing matched.
  const output = execFileSync(
    'git',
    ['-c', 'core.ignorecase=true', 'check-ignore', '--no-index', '--stdin', '-z', '-v', '-n'],
    { cwd: repository, env, input: paths.map((path) => `${path}\0`).join('') },
  ).toString();
  const fields = output.split('\0');
  const verdicts = new Map<string, string | null>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, , pattern, path] = fields.slice(i, i + 4);
    verdicts.set(path ?? '', source ? (pattern ?? null) : null);
  }
  return verdicts;
}

afterAll(() => {
  if (repository) rmSync(repository, { recursive: true, force: true });
});

describe('the default ignore patterns, held to git check-ignore (issue 15)', () => {
  it('exclude exactly the paths git excludes, citing the same pattern', () => {
    const verdicts = gitVerdicts(PATHS);
    expect(verdicts.size).toBe(PATHS.length);
    const rules = new IgnoreRules();
    const disagreements: string[] = [];
    for (const asked of PATHS) {
      const isDirectory = asked.endsWith('/');
      const path = isDirectory ? asked.slice(0, -1) : asked;
      const git = verdicts.get(asked);
      if (git === undefined) throw new Error(`git said nothing about ${asked}`);
      const ferry = rules.isIgnored(path, isDirectory);
      // Ferry does not report its own temporary files (.ferry-*) as the user's exclusions.
      const rule = rules.defaultRuleFor(path, isDirectory) ?? (ferry ? '.ferry-*' : null);
      if (ferry !== (git !== null) || rule !== git) {
        disagreements.push(`${asked}: git ${String(git)}, Ferry ${String(ferry)} (${rule})`);
      }
    }
    expect(disagreements).toEqual([]);
    // The list means something: both verdicts occur in it.
    expect([...verdicts.values()].filter((pattern) => pattern !== null).length).toBeGreaterThan(30);
    expect([...verdicts.values()].filter((pattern) => pattern === null).length).toBeGreaterThan(10);
  });
});
