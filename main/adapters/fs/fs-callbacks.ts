import {
  close as closeCallback,
  lstat as lstatCallback,
  open as openCallback,
  read as readCallback,
  type Stats,
} from 'node:fs';

import type { FileStat } from '../../../app/ports/file-system.js';

/*
 * The callback API in promises of our own: node:fs/promises costs about twice as much per call
 * (lstat), and its FileHandle several times more per opened file (small-file uploads).
 */
export function lstatAsync(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => {
    lstatCallback(path, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

export function openAsync(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    openCallback(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd)));
  });
}

export function readAsync(
  fd: number,
  target: Uint8Array,
  at: number,
  position: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    readCallback(fd, target, at, target.byteLength - at, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  });
}

export function closeAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    closeCallback(fd, (error) => (error ? reject(error) : resolve()));
  });
}

export function toFileStat(info: Stats): FileStat {
  const kind = info.isFile()
    ? 'file'
    : info.isDirectory()
      ? 'directory'
      : info.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { kind, size: info.size, mtimeMs: info.mtimeMs };
}
