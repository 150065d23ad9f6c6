import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// test/unit/ mirrors the product tree (issue 14): the test of `main/adapters/s3/x.ts` lives in
// `test/unit/main/adapters/s3/`, so a newcomer finds a file's tests by its path alone.
const PRODUCT_ROOTS = ['app', 'main', 'renderer/src'];
// Top folders of test/unit that test the test tooling itself: their folders mirror test/<name>/.
const TOOLING_ROOTS = ['fakes', 'services'];
// This folder: tests about the tree, of no single product folder.
const TREE_TESTS = 'architecture';
// Fakes shared by the tests of one area (test/unit/renderer/src/fakes/) are helpers, not tests.
const HELPER_FOLDER = 'fakes';

// Empty folders are skipped: git does not keep them, so one left behind by a `git mv` is no test.
function holdsFiles(folder: string): boolean {
  return readdirSync(folder, { withFileTypes: true }).some(
    (entry) => entry.isFile() || (entry.isDirectory() && holdsFiles(path.join(folder, entry.name))),
  );
}

function directoriesUnder(root: string, prefix = ''): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && holdsFiles(path.join(root, prefix, entry.name)))
    .flatMap((entry) => {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      return [relative, ...directoriesUnder(root, relative)];
    });
}

function isDirectory(root: string, relative: string): boolean {
  return statSync(path.join(root, relative), { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Folders of test/unit (relative to it) that mirror no folder of the product or the tooling. */
function misplacedTestFolders(root: string): string[] {
  const unit = path.join(root, 'test', 'unit');
  return directoriesUnder(unit).filter((relative) => {
    const parts = relative.split('/');
    const top = parts[0] ?? '';
    if (top === TREE_TESTS) return false;
    if (TOOLING_ROOTS.includes(top)) return !isDirectory(path.join(root, 'test'), relative);
    if (parts.slice(1).includes(HELPER_FOLDER)) return false;
    const onTheWay = PRODUCT_ROOTS.some((product) => product.startsWith(`${relative}/`));
    const inside = PRODUCT_ROOTS.some(
      (product) => relative === product || relative.startsWith(`${product}/`),
    );
    return !onTheWay && !(inside && isDirectory(root, relative));
  });
}

/** Test files lying directly in test/unit/, outside any mirrored folder. */
function looseTestFiles(root: string): string[] {
  return readdirSync(path.join(root, 'test', 'unit'), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('test/unit mirrors the product tree', () => {
  it('has a product folder (app/, main/, renderer/src/) for every test folder', () => {
    const misplaced = misplacedTestFolders(repoRoot);
    // The fix is a move: `git mv test/unit/<folder>/x.test.ts test/unit/<product folder>/` and
    // rewrite its relative imports.
    expect(misplaced, 'test folders with no product folder of the same path').toEqual([]);
  });

  it('has no test file outside a mirrored folder', () => {
    expect(looseTestFiles(repoRoot)).toEqual([]);
  });
});

describe('the mirror check itself', () => {
  let scratch = '';
  afterEach(() => {
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  function tree(folders: string[]): string {
    scratch = mkdtempSync(path.join(tmpdir(), 'ferry-tree-'));
    for (const folder of folders) {
      mkdirSync(path.join(scratch, folder), { recursive: true });
      // A test folder holds a test; product folders may stay empty here.
      const file = folder.startsWith('test/unit/') ? 'x.test.ts' : 'x.ts';
      writeFileSync(path.join(scratch, folder, file), '');
    }
    return scratch;
  }

  it('reports a test folder whose product folder is misspelt, moved or missing', () => {
    const root = tree([
      'app/engine',
      'renderer/src/model',
      'test/fakes',
      'test/unit/app/engin',
      'test/unit/renderer/model',
      'test/unit/lib',
      'test/unit/fakes/nested',
    ]);

    expect(misplacedTestFolders(root).sort()).toEqual([
      'app/engin',
      'fakes/nested',
      'lib',
      'renderer/model',
    ]);
  });

  it('accepts mirrored folders, the way down to renderer/src, helper and tooling folders', () => {
    const root = tree([
      'app/engine',
      'main/adapters/s3',
      'renderer/src/model',
      'test/services',
      'test/unit/app/engine',
      'test/unit/main/adapters/s3',
      'test/unit/renderer/src/model',
      'test/unit/renderer/src/fakes',
      'test/unit/services',
      'test/unit/architecture',
    ]);

    expect(misplacedTestFolders(root)).toEqual([]);
    expect(looseTestFiles(root)).toEqual([]);
  });

  it('ignores an empty folder (git does not keep it) and reports a file lying in test/unit', () => {
    const root = tree([]);
    mkdirSync(path.join(root, 'test/unit/app/moved-away'), { recursive: true });
    writeFileSync(path.join(root, 'test/unit/planner.test.ts'), '');

    expect(misplacedTestFolders(root)).toEqual([]);
    expect(looseTestFiles(root)).toEqual(['planner.test.ts']);
  });
});
