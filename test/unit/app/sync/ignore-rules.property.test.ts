import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { IgnoreRules } from '../../../../app/sync/ignore-rules.js';

import { Reference } from './ignore-rules-reference.js';

/**
 * IgnoreRules (issue 15: a file's verdict asked of `ignore` without its public calls, the
 * ancestry of a walk's directory remembered) against the algorithm it replaced, kept as the
 * oracle in ignore-rules-reference.ts.
 */

/** Names that each default pattern matches, in several cases, and names it must not. */
const DEFAULT_LIKE = [
  '.DS_Store',
  '.ds_store',
  'Thumbs.db',
  'Thumbs.DB',
  'thumbs.db',
  'ehthumbs.db',
  'Desktop.INI',
  '~$doc.docx',
  '~$',
  '.~lock.x#',
  '.~LOCK.report.odt#',
  '.~lock.x',
  'a.SWP',
  'b.swo',
  'c.Swx',
  '.foo.swp',
  '.foo.swq',
  '.swp',
  'x.part',
  'x.Partial',
  'x.part.txt',
  'y.crdownload',
  'z.DOWNLOAD',
  '.ferry-tmp',
  '.FERRY-x',
  'ferry-x',
  '.Trash-1000',
  '.trash-',
  'Trash-1000',
  '$RECYCLE.BIN',
  '$recycle.bin',
  'System Volume Information',
  'system volume information',
];
const ORDINARY = [
  'a',
  'b.txt',
  'README.md',
  'index.js',
  'src',
  'docs',
  'build',
  'keep.log',
  'x.log',
  'photo.JPG',
  '.env',
  '.ferryignore',
  'caf\u00e9', // NFC
  'cafe\u0301', // the same name in NFD, as macOS writes it
  'Caf\u00e9.TXT',
  'ünï code.txt',
  '#x',
  '!y',
];
const name = fc.constantFrom(...DEFAULT_LIKE, ...ORDINARY);
/** Few directory names, so that paths meet the .ferryignore files and the patterns' directories. */
const DIRECTORIES = ['src', 'docs', 'build', 'a', 'caf\u00e9', 'cafe\u0301'] as const;
const directoryName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DIRECTORIES) },
  { weight: 1, arbitrary: name },
);
const relativePath = fc
  .tuple(fc.array(directoryName, { maxLength: 4 }), name)
  .map(([directories, last]) => [...directories, last].join('/'));
const directory = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.constantFrom(...DIRECTORIES), { minLength: 1, maxLength: 2 })
    .map((names) => names.join('/')),
);
/** Patterns with and without separators (middle, leading, trailing), negations, wildcards. */
const pattern = fc.constantFrom(
  '*.log',
  '!keep.log',
  'build/',
  '!build/',
  '/src',
  'src/*.js',
  'docs/**/*.md',
  'a/b.txt',
  '**/a',
  'caf\u00e9/',
  'cafe\u0301.txt',
  '*.TXT',
  '!*.swp',
  '!.DS_Store',
  '!Thumbs.db',
  '!.Trash-*/',
  'Thumbs.db',
  'README.md',
  '*',
  '!*/',
  '\\#x',
  '\\!y',
  '[ab]',
  'x?log',
  '# a comment',
  '',
);
const ferryignoreText = fc
  .tuple(fc.array(pattern, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));
/** A rule change in the middle of the questions: a .ferryignore appears, changes or goes. */
const step = fc.oneof(
  { weight: 8, arbitrary: fc.record({ path: relativePath, isDirectory: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ directory, text: fc.option(ferryignoreText) }) },
);

describe('IgnoreRules gives the verdicts of plain `ignore` calls (issue 15, fast-check)', () => {
  it('for random trees, folder patterns, nested .ferryignore files and rule changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pattern, { maxLength: 4 }),
        fc.dictionary(directory, ferryignoreText, { maxKeys: 3 }),
        fc.boolean(),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        async (folderPatterns, initial, ignoreCase, steps) => {
          const texts = new Map(Object.entries(initial));
          const rules = new IgnoreRules(folderPatterns, { ignoreCase });
          // As a walk does on entering the directory: its names say whether the file is there.
          const load = async (dir: string) => {
            const text = texts.get(dir) ?? null;
            await rules.enterDirectory(dir, text === null ? [] : ['.ferryignore'], () =>
              Promise.resolve(text),
            );
          };
          const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);
          for (const dir of [...texts.keys()].sort((a, b) => depth(a) - depth(b))) await load(dir);
          let reference = new Reference(folderPatterns, texts, ignoreCase);
          let last: string | undefined;
          for (const s of steps) {
            if ('directory' in s) {
              if (s.text === null) texts.delete(s.directory);
              else texts.set(s.directory, s.text);
              await load(s.directory);
              reference = new Reference(folderPatterns, texts, ignoreCase);
              // The directory asked about last may have just been excluded or re-included.
              if (last !== undefined) {
                expect(rules.isIgnored(last, false), last).toBe(reference.isIgnored(last, false));
              }
              continue;
            }
            last = `${s.path.slice(0, s.path.lastIndexOf('/') + 1)}after-change.txt`;
            const expected = reference.isIgnored(s.path, s.isDirectory);
            expect(rules.isIgnored(s.path, s.isDirectory), s.path).toBe(expected);
            // A walk's next question is a sibling: the remembered ancestry must still hold.
            const sibling = `${s.path.slice(0, s.path.lastIndexOf('/') + 1)}sibling.txt`;
            expect(rules.isIgnored(sibling, false), sibling).toBe(
              reference.isIgnored(sibling, false),
            );
            expect(rules.defaultRuleFor(s.path, s.isDirectory)).toBe(
              reference.defaultRuleFor(s.path, s.isDirectory),
            );
          }
        },
      ),
      {
        numRuns: 400,
        examples: [
          // The class comment's known gap: a/.ferryignore re-includes build/, which the folder's
          // patterns exclude, so their `*.log` no longer reaches a/build/x.log.
          [
            ['*.log', 'build/'],
            { a: '!build/' },
            false,
            [
              { path: 'a/build/x.log', isDirectory: false },
              { path: 'a/build', isDirectory: true },
            ],
          ],
        ],
      },
    );
  });

  it('in walk order over a whole random tree, past the caches being emptied', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(relativePath, { minLength: 1, maxLength: 60 }),
        fc.array(pattern, { maxLength: 4 }),
        fc.boolean(),
        (files, folderPatterns, ignoreCase) => {
          const rules = new IgnoreRules(folderPatterns, { ignoreCase });
          const reference = new Reference(folderPatterns, new Map(), ignoreCase);
          // Depth-first, a directory's entries together, as folder-walk.ts asks; repeated so
          // that the 2,000-path cache limit passes several times.
          const entries = new Set<string>();
          for (const file of files.sort()) {
            const names = file.split('/');
            for (let i = 1; i < names.length; i++) entries.add(`${names.slice(0, i).join('/')}/`);
            entries.add(file);
          }
          for (let round = 0; round < Math.ceil(2_500 / entries.size); round++) {
            for (const entry of entries) {
              const isDirectory = entry.endsWith('/');
              const path = isDirectory ? entry.slice(0, -1) : entry;
              if (rules.isIgnored(path, isDirectory) !== reference.isIgnored(path, isDirectory)) {
                expect.fail(`${path} (round ${round})`);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
