import { describe, expect, it } from 'vitest';

import {
  walkEntries,
  type DirectoryEntryLike,
  type EntryLike,
  type FileEntryLike,
} from '../../../../../renderer/src/drops/walk-entries.js';

function file(fullPath: string, failure?: Error): FileEntryLike<string> {
  return {
    isFile: true,
    isDirectory: false,
    name: fullPath.split('/').at(-1) ?? '',
    fullPath,
    file: (success, fail) => (failure ? fail?.(failure) : success(`content of ${fullPath}`)),
  };
}

/** A directory whose reader hands out children in batches of `batch`, like Chromium's 100. */
function directory(fullPath: string, children: EntryLike[], batch = 2): DirectoryEntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').at(-1) ?? '',
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (success) => {
          const next = children.slice(offset, offset + batch);
          offset += next.length;
          setTimeout(() => success(next), 0);
        },
      };
    },
  };
}

describe('walkEntries', () => {
  it('flattens dropped folders into files with paths relative to the drop', async () => {
    const tree = directory('/photos', [
      file('/photos/a.jpg'),
      file('/photos/b.jpg'),
      directory('/photos/2024', [file('/photos/2024/c.jpg')]),
      file('/photos/d.jpg'),
      directory('/photos/empty', []),
    ]);
    const result = await walkEntries<string>([tree, file('/notes.txt')]);
    expect(result.files.map((entry) => entry.relativePath).sort()).toEqual([
      'notes.txt',
      'photos/2024/c.jpg',
      'photos/a.jpg',
      'photos/b.jpg',
      'photos/d.jpg',
    ]);
    expect(result.files.find((entry) => entry.relativePath === 'notes.txt')?.file).toBe(
      'content of /notes.txt',
    );
    expect(result.failures).toEqual([]);
  });

  it('reports an unreadable file and keeps the rest', async () => {
    const result = await walkEntries<string>([
      file('/ok.txt'),
      file('/locked.txt', new Error('NotReadableError')),
    ]);
    expect(result.files.map((entry) => entry.relativePath)).toEqual(['ok.txt']);
    expect(result.failures).toEqual([{ path: 'locked.txt', message: 'NotReadableError' }]);
  });
});
