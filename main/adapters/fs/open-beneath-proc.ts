import { closeSync, constants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';

import { closeAsync, fstatAsync, lstatAsync, openAsync } from './fs-callbacks.js';
import { namesBeneath, notRegularError, throughLinkError } from './open-beneath.js';

/*
 * openat() for Node on Linux. Node has no *at calls, but Linux resolves /proc/self/fd/N as the
 * very directory descriptor N holds (proc(5), "/proc/pid/fd/"), so opening
 * `/proc/self/fd/N/name` looks `name` up in that directory, whatever its path has become since.
 * Each directory on the way is opened with O_DIRECTORY | O_NOFOLLOW (a link there fails), the
 * file with O_NOFOLLOW: no symbolic link is followed below the root, and no check-then-use
 * window is left for a swap to slip into. This is what openat2(RESOLVE_NO_SYMLINKS) gives C
 * programs (openat2(2)). Where /proc is not mounted, open-beneath.ts's portable checks are used.
 */

const PROC_FD = '/proc/self/fd';
/** The root: it may be a link (the user configured it), so it alone is followed. */
const ROOT_DIRECTORY = constants.O_RDONLY | constants.O_DIRECTORY;
const DIRECTORY_NO_FOLLOW = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const FILE_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

let available: Promise<boolean> | undefined;
let known: boolean | undefined;

/** procFdAvailable's answer once it has one (undefined before): saves a promise per call. */
export function procFdKnown(): boolean | undefined {
  return known;
}

/** Whether /proc/self/fd lookups work here (Linux with /proc mounted): checked once. */
export function procFdAvailable(): Promise<boolean> {
  available ??= (
    process.platform !== 'linux'
      ? Promise.resolve(false)
      : (async () => {
          try {
            const fd = await openAsync('/', constants.O_RDONLY | constants.O_DIRECTORY);
            try {
              return (await lstatAsync(`${PROC_FD}/${fd}/.`)).isDirectory();
            } finally {
              await closeAsync(fd).catch(() => {});
            }
          } catch {
            return false;
          }
        })()
  ).then((answer) => (known = answer));
  return available;
}

/*
 * The walk below is written once, as steps that ask for one system call each (yield), and run
 * by two drivers: `runAsync` through the thread pool, `runSync` with synchronous calls while the
 * SyncCallGate (sync-call-gate.ts) says the disk answers in microseconds. Either way the same
 * descriptors, flags and checks in the same order; nothing is cached between calls, so a
 * directory moved out of the folder, or a root replaced, is never looked into after the call
 * that saw it.
 */
type ProcCall =
  | { readonly call: 'open'; readonly path: string; readonly flags: number }
  | { readonly call: 'fstat'; readonly fd: number }
  | { readonly call: 'lstat'; readonly path: string }
  | { readonly call: 'close'; readonly fd: number };

type Steps<T> = Generator<ProcCall, T, unknown>;

export interface OpenedBeneath {
  readonly fd: number;
  readonly info: Stats;
  readonly absolutePath: string;
}

/** Opens `relativePath` beneath `root`: the descriptor, its fstat and the path for messages. */
export function openBeneathProc(root: string, relativePath: string): Promise<OpenedBeneath> {
  return runAsync(openSteps(root, relativePath));
}

/** openBeneathProc with synchronous calls. */
export function openBeneathProcSync(root: string, relativePath: string): OpenedBeneath {
  return runSync(openSteps(root, relativePath));
}

/** lstat of `relativePath` beneath `root` (a link at the end is reported as one); null if gone. */
export function statBeneathProc(root: string, relativePath: string): Promise<Stats | null> {
  return runAsync(statSteps(root, relativePath));
}

/** statBeneathProc with synchronous calls. */
export function statBeneathProcSync(root: string, relativePath: string): Stats | null {
  return runSync(statSteps(root, relativePath));
}

function* openSteps(root: string, relativePath: string): Steps<OpenedBeneath> {
  return yield* inParentOf(root, relativePath, function* (directory, last) {
    let fd: number;
    try {
      fd = yield* open(at(directory, last), FILE_NO_FOLLOW);
    } catch (error) {
      // ELOOP: O_NOFOLLOW met a link as the last component (open(2)).
      if (codeOf(error) === 'ELOOP') throw throughLinkError(relativePath, relativePath);
      throw error;
    }
    try {
      const info = yield* fstat(fd);
      if (info.isDirectory()) throw errno('ENOENT'); // the file became a folder: gone
      if (!info.isFile()) throw notRegularError(relativePath);
      return { fd, info, absolutePath: `${root}/${relativePath}` };
    } catch (error) {
      yield* closeQuietly(fd);
      throw error;
    }
  });
}

function* statSteps(root: string, relativePath: string): Steps<Stats | null> {
  try {
    return yield* inParentOf(root, relativePath, (directory, last) => lstat(at(directory, last)));
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Runs `use` with the open directory that holds the path's last name, and closes it after. */
function* inParentOf<T>(
  root: string,
  relativePath: string,
  use: (directory: number, last: string) => Steps<T>,
): Steps<T> {
  const names = namesBeneath(relativePath, '/');
  const last = names.pop() as string;
  const directory = yield* openParent(root, names, relativePath);
  try {
    return yield* use(directory, last);
  } finally {
    yield* closeQuietly(directory);
  }
}

/** The root (which may be a link: the user configured it), then each directory in turn. */
function* openParent(root: string, names: readonly string[], relativePath: string): Steps<number> {
  let directory = yield* open(root, ROOT_DIRECTORY);
  try {
    for (const [index, name] of names.entries()) {
      let next: number;
      try {
        next = yield* open(at(directory, name), DIRECTORY_NO_FOLLOW);
      } catch (error) {
        // O_DIRECTORY | O_NOFOLLOW on a link fails with ENOTDIR, as on a plain file: tell apart.
        if (codeOf(error) === 'ENOTDIR' && (yield* isLink(at(directory, name)))) {
          throw throughLinkError(relativePath, names.slice(0, index + 1).join('/'));
        }
        throw error;
      }
      yield* closeQuietly(directory);
      directory = next;
    }
    return directory;
  } catch (error) {
    yield* closeQuietly(directory);
    throw error;
  }
}

function* isLink(path: string): Steps<boolean> {
  try {
    return (yield* lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Read-only descriptors: a failed close loses nothing. */
function* closeQuietly(fd: number): Steps<void> {
  try {
    yield { call: 'close', fd };
  } catch {
    // nothing to do
  }
}

function* open(path: string, flags: number): Steps<number> {
  return (yield { call: 'open', path, flags }) as number;
}

function* fstat(fd: number): Steps<Stats> {
  return (yield { call: 'fstat', fd }) as Stats;
}

function* lstat(path: string): Steps<Stats> {
  return (yield { call: 'lstat', path }) as Stats;
}

function runSync<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = callSync(step.value);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(result);
  }
  return step.value;
}

async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await callAsync(step.value);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(result);
  }
  return step.value;
}

function callSync(request: ProcCall): unknown {
  switch (request.call) {
    case 'open':
      return openSync(request.path, request.flags);
    case 'fstat':
      return fstatSync(request.fd);
    case 'lstat':
      return lstatSync(request.path);
    case 'close':
      return closeSync(request.fd);
  }
}

function callAsync(request: ProcCall): Promise<unknown> {
  switch (request.call) {
    case 'open':
      return openAsync(request.path, request.flags);
    case 'fstat':
      return fstatAsync(request.fd);
    case 'lstat':
      return lstatAsync(request.path);
    case 'close':
      return closeAsync(request.fd);
  }
}

/** The path that opens `name` inside the open directory `directory` (see the file comment). */
function at(directory: number, name: string): string {
  return `${PROC_FD}/${directory}/${name}`;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function errno(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}
