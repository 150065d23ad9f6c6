import type { Stats } from 'node:fs';

import type { FileStat } from '../../../app/ports/file-system.js';

/** The FileSystem port's kind of an lstat or fstat (a link is reported, never followed). */
export function kindOf(info: Stats): FileStat['kind'] {
  return info.isFile()
    ? 'file'
    : info.isDirectory()
      ? 'directory'
      : info.isSymbolicLink()
        ? 'symlink'
        : 'other';
}

/** What the FileSystem port says of an lstat or fstat: its kind, size and mtime only. */
export function toFileStat(info: Stats): FileStat {
  return { kind: kindOf(info), size: info.size, mtimeMs: info.mtimeMs };
}
