import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  completeDirectory,
  MAX_DIRECTORY_SUGGESTIONS,
} from '../../../main/ui-host/complete-directory.js';

/** The browser's folder picker on a real directory tree (files, links, a FIFO, many children). */
describe('completeDirectory (fs:complete-directory)', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-complete-'));
    for (const name of ['Documents', 'Downloads', 'Desktop', '.config', 'music']) {
      await mkdir(join(root, name));
    }
    await writeFile(join(root, 'Doc-notes.txt'), 'a file, never suggested');
    await symlink(join(root, 'Documents'), join(root, 'Docs-link'));
    execFileSync('mkfifo', [join(root, 'Doc-fifo')]);
    await mkdir(join(root, 'many'));
    for (let i = 0; i < 30; i += 1) {
      await mkdir(join(root, 'many', `d${String(i).padStart(2, '0')}`));
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists the directories that complete the typed name, never files, links or FIFOs', async () => {
    expect(await completeDirectory(join(root, 'Do'))).toEqual([
      join(root, 'Documents'),
      join(root, 'Downloads'),
    ]);
    // In any case, as people type.
    expect(await completeDirectory(join(root, 'doc'))).toEqual([join(root, 'Documents')]);
  });

  it('lists every visible directory after a trailing separator; dot-folders only when typed', async () => {
    expect(await completeDirectory(`${root}/`)).toEqual(
      ['Desktop', 'Documents', 'Downloads', 'many', 'music'].map((name) => join(root, name)),
    );
    expect(await completeDirectory(join(root, '.c'))).toEqual([join(root, '.config')]);
  });

  it('stops at a screenful of suggestions', async () => {
    const found = await completeDirectory(join(root, 'many') + '/');
    expect(found).toHaveLength(MAX_DIRECTORY_SUGGESTIONS);
    expect(found[0]).toBe(join(root, 'many', 'd00'));
  });

  it('answers nothing under a missing parent, a file or a link, instead of failing', async () => {
    expect(await completeDirectory(join(root, 'missing', 'x'))).toEqual([]);
    expect(await completeDirectory(join(root, 'Doc-notes.txt') + '/')).toEqual([]);
    expect(await completeDirectory(join(root, 'Docs-link') + '/')).toEqual([]);
    expect(await completeDirectory(join(root, 'Doc-fifo') + '/')).toEqual([]);
  });

  it('refuses a relative path with a hint', async () => {
    await expect(completeDirectory('Documents/')).rejects.toMatchObject({
      code: 'bad-request',
      hint: expect.stringContaining('whole path'),
    });
  });
});
