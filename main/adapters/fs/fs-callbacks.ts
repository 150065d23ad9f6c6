import {
  close as closeCallback,
  constants,
  fstat as fstatCallback,
  lstat as lstatCallback,
  open as openCallback,
  read as readCallback,
  realpath as realpathCallback,
  type Stats,
} from 'node:fs';

/*
 * The callback API in promises of our own: node:fs/promises costs about twice as much per call
 * (lstat), and its FileHandle several times more per opened file (small-file uploads).
 */
export function lstatAsync(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => {
    lstatCallback(path, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

/**
 * Read-only, failing with ELOOP when the last component is a symbolic link (O_NOFOLLOW), and
 * without blocking when it is a FIFO (O_NONBLOCK; reads of regular files ignore it). Windows has
 * neither flag: there the caller's lstat-after-open comparison is what refuses a link.
 */
const READ_NO_FOLLOW =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function openNoFollowAsync(path: string): Promise<number> {
  return openAsync(path, READ_NO_FOLLOW);
}

export function openAsync(path: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) => {
    openCallback(path, flags, (error, fd) => (error ? reject(error) : resolve(fd)));
  });
}

export function fstatAsync(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => {
    fstatCallback(fd, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

export function realpathAsync(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    realpathCallback.native(path, (error, resolved) => (error ? reject(error) : resolve(resolved)));
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
