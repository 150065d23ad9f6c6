import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  expandDroppedPaths,
  normaliseSubPrefix,
} from '../../../main/ui-host/expand-dropped-paths.js';

describe('expandDroppedPaths on a real disk', () => {
  it('expands files and folders into keys, skips links, bad names and relative paths with reasons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-drop-'));
    await mkdir(join(dir, 'album/2026'), { recursive: true });
    await writeFile(join(dir, 'note.txt'), 'n');
    await writeFile(join(dir, 'album/cover.jpg'), 'c');
    await writeFile(join(dir, 'album/2026/one.jpg'), '11');
    await writeFile(join(dir, 'album/bad\nname.jpg'), 'x');
    await symlink('/etc', join(dir, 'album/escape'));

    const { files, skipped } = await expandDroppedPaths(
      [join(dir, 'note.txt'), join(dir, 'album'), 'relative/path.txt', join(dir, 'missing.txt')],
      '/inbox//',
      'docs/',
    );
    expect(files.map((f) => [f.relativeKey, f.size]).sort()).toEqual([
      ['inbox/album/2026/one.jpg', 2],
      ['inbox/album/cover.jpg', 1],
      ['inbox/note.txt', 1],
    ]);
    // Files inside a dropped folder are later opened beneath it, never through a link in it.
    expect(files.find((f) => f.relativeKey === 'inbox/album/2026/one.jpg')?.beneath).toEqual({
      root: join(dir, 'album'),
      relativePath: '2026/one.jpg',
    });
    expect(files.find((f) => f.relativeKey === 'inbox/note.txt')?.beneath).toBeUndefined();
    expect(skipped.join('\n')).toMatch(/escape: not a regular file \(links are not followed\)/);
    expect(skipped.join('\n')).toMatch(/bad\nname\.jpg: .*control character/);
    expect(skipped).toContain('relative/path.txt: not an absolute path');
    expect(skipped).toContain(`${join(dir, 'missing.txt')}: does not exist`);
  });

  it('normalises sub-prefixes and refuses one that climbs out', () => {
    expect(normaliseSubPrefix('')).toBe('');
    expect(normaliseSubPrefix('/a//b/./')).toBe('a/b/');
    expect(() => normaliseSubPrefix('a/../../b')).toThrow(/contains "\.\."/);
  });
});
