import type {
  FileStat,
  FileSystem,
  SkippedEntryKind,
  WalkEntry,
  WalkOptions,
  OpenFile,
} from '../../app/ports/file-system.js';
import {
  openBeneath,
  statBeneath,
  throughLinkError,
  type BeneathCalls,
  type NodeInfo,
} from '../../main/adapters/fs/open-beneath.js';
import { invalidNameError } from '../../main/adapters/fs/fs-errors.js';
import {
  brokenLinkError,
  symlinkLoopError,
  translateFsError,
  walkRootError,
} from '../../main/adapters/fs/node-file-system.js';

type Node =
  // Mutable: a write to an existing file changes it in place (same inode), as on a real disk.
  | { readonly kind: 'file'; content: Uint8Array; mtimeMs: number }
  | { readonly kind: 'directory'; readonly mtimeMs: number }
  | { readonly kind: 'symlink'; readonly target: string; readonly mtimeMs: number }
  | { readonly kind: 'special'; readonly type: SkippedEntryKind; readonly mtimeMs: number };

interface Frame {
  readonly relativePath: string;
  readonly names: readonly string[];
  next: number;
  /** The directory's real path: two frames with the same one make a loop. */
  readonly identity: string;
}

/** Symlinks resolved in one lookup before giving up with ELOOP, as Linux does. */
const MAX_LINK_HOPS = 40;

/**
 * An in-memory disk with POSIX paths ('/' root, '/'-separated). Fails the way NodeFileSystem
 * does (its errors go through the same translation), and `failNext` injects a failure on the
 * next operation that touches a path: stat, statBeneath, openBeneath/openFile, a read of an open
 * file, readText, or the walk listing a directory or stat-ing a file.
 *
 * Node objects are inodes: `writeFile` on an existing file changes it in place (an open handle
 * sees the new bytes), `rename` moves the same nodes, and `remove` + `writeFile` makes a new one.
 * `beneathCalls` exposes lstat/open/fstat for the beneath-open algorithm, so tests can swap a
 * directory for a symlink between any two of its calls.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly nodes = new Map<string, Node>();
  private readonly children = new Map<string, Set<string>>();
  private readonly failures = new Map<string, Error[]>();
  /** Names that are not valid UTF-8, by directory: their escaped form (the walk reports them). */
  private readonly undecodable = new Map<string, { escaped: string; isDirectory: boolean }[]>();
  /** Default mtimes: every write is a second after the previous one. */
  private clockMs = Date.UTC(2026, 0, 1);
  private readonly inodes = new WeakMap<Node, number>();
  private nextInode = 1;
  /** Handles opened and not yet closed: tests assert that every upload closes its file. */
  openHandles = 0;
  /** Every buffer an open file was read into (tests check that parts reuse buffers). */
  readonly reads: Uint8Array[] = [];

  constructor() {
    this.nodes.set('/', { kind: 'directory', mtimeMs: this.clockMs });
    this.children.set('/', new Set());
  }

  /** Creates or replaces a file, creating missing parent directories. */
  writeFile(path: string, content: string | Uint8Array, mtimeMs?: number): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const existing = this.nodes.get(normalize(path));
    if (existing?.kind === 'file') {
      existing.content = bytes.slice();
      existing.mtimeMs = mtimeMs ?? this.tick();
      return;
    }
    this.put(path, { kind: 'file', content: bytes.slice(), mtimeMs: mtimeMs ?? this.tick() });
  }

  /** Moves a file, link or directory with everything below it, keeping its nodes (inodes). */
  rename(from: string, to: string): void {
    const source = normalize(from);
    const target = normalize(to);
    const moved = [...this.nodes].filter(([p]) => p === source || p.startsWith(`${source}/`));
    if (moved.length === 0) throw errno('ENOENT', from);
    const kids = [...this.children].filter(([p]) => p === source || p.startsWith(`${source}/`));
    this.remove(target);
    this.mkdir(parentOf(target));
    this.remove(source);
    const relocate = (p: string) => `${target}${p.slice(source.length)}`;
    for (const [p, node] of moved) this.nodes.set(relocate(p), node);
    for (const [p, names] of kids) this.children.set(relocate(p), names);
    this.children.get(parentOf(target))?.add(baseName(target));
  }

  mkdir(path: string): void {
    const normal = normalize(path);
    if (this.nodes.get(normal)?.kind === 'directory') return;
    this.put(normal, { kind: 'directory', mtimeMs: this.tick() });
  }

  /** A symbolic link at `path`; a relative `target` is resolved from the link's directory. */
  symlink(path: string, target: string): void {
    this.put(path, { kind: 'symlink', target, mtimeMs: this.tick() });
  }

  /** A FIFO, socket or device node: the walk passes over it and says so (onSkip). */
  special(path: string, type: Exclude<SkippedEntryKind, 'symlink'>): void {
    this.put(path, { kind: 'special', type, mtimeMs: this.tick() });
  }

  /**
   * An entry whose name is not valid UTF-8 in directory `directory`, given in its escaped form
   * (`bad\xff.txt`): like the real walk, listing the directory reports it as invalid-name.
   */
  undecodableName(directory: string, escaped: string, isDirectory = false): void {
    const normal = normalize(directory);
    this.mkdir(normal);
    const names = this.undecodable.get(normal) ?? [];
    this.undecodable.set(normal, [...names, { escaped, isDirectory }]);
  }

  /** Removes a file, link or directory with everything below it (no-op when missing). */
  remove(path: string): void {
    const normal = normalize(path);
    if (normal === '/' || !this.nodes.has(normal)) return;
    for (const name of [...(this.children.get(normal) ?? [])]) this.remove(`${normal}/${name}`);
    this.nodes.delete(normal);
    this.children.delete(normal);
    this.children.get(parentOf(normal))?.delete(baseName(normal));
  }

  /** The next operation on `path` fails with `error` (an errno-style error or a SyncError). */
  failNext(path: string, error: Error): void {
    const normal = normalize(path);
    this.failures.set(normal, [...(this.failures.get(normal) ?? []), error]);
  }

  /** A file's bytes, for assertions. */
  contentOf(path: string): Uint8Array {
    const node = this.nodes.get(this.resolve(path, true));
    if (node?.kind !== 'file') throw new Error(`no file at ${path}`);
    return node.content.slice();
  }

  stat(path: string): Promise<FileStat | null> {
    return this.run(path, () => {
      let node: Node | undefined;
      try {
        node = this.nodes.get(this.resolve(path, false));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      return node ? toFileStat(node) : null;
    });
  }

  async *walk(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
    const stack: Frame[] = [];
    try {
      stack.push(await this.openDirectory(root, '', options));
    } catch (error) {
      throw walkRootError(error, root);
    }
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const name = frame.names[frame.next++];
      if (name === undefined) {
        stack.pop();
        continue;
      }
      const relativePath = frame.relativePath ? `${frame.relativePath}/${name}` : name;
      const absolutePath = this.join(root, relativePath);
      let found: WalkEntry | undefined;
      try {
        const own = this.nodes.get(this.resolve(absolutePath, false));
        let node = own;
        if (own?.kind === 'symlink') {
          if (!options.followSymlinks) {
            if (!options.isIgnored(relativePath, false)) options.onSkip?.(relativePath, 'symlink');
            continue;
          }
          node = this.followLink(absolutePath, relativePath);
        }
        if (node?.kind === 'directory') {
          if (options.isIgnored(relativePath, true)) continue;
          const identity = this.resolve(absolutePath, true);
          if (stack.some((ancestor) => ancestor.identity === identity)) {
            options.onError(relativePath, symlinkLoopError(relativePath));
            continue;
          }
          stack.push(await this.openDirectory(absolutePath, relativePath, options));
        } else if (node?.kind === 'file') {
          if (options.isIgnored(relativePath, false)) continue;
          this.takeFailure(absolutePath);
          found = { relativePath, stat: toFileStat(node) };
        } else if (node?.kind === 'special') {
          if (!options.isIgnored(relativePath, false)) options.onSkip?.(relativePath, node.type);
        } else if (!node) {
          throw errno('ENOENT', absolutePath);
        }
      } catch (error) {
        options.onError(relativePath, translateFsError(error, absolutePath));
      }
      if (found) yield found;
    }
  }

  async statBeneath(root: string, relativePath: string): Promise<FileStat | null> {
    const path = this.join(root, relativePath);
    try {
      this.takeFailure(path);
      const info = await statBeneath(this.beneathCalls, root, relativePath);
      return info && { kind: info.kind, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      throw translateFsError(error, path);
    }
  }

  async openBeneath(root: string, relativePath: string): Promise<OpenFile> {
    const path = this.join(root, relativePath);
    try {
      this.takeFailure(path);
      const { handle } = await openBeneath(this.beneathCalls, root, relativePath);
      return this.handleOf(handle, path);
    } catch (error) {
      throw translateFsError(error, path);
    }
  }

  async openFile(path: string): Promise<OpenFile> {
    try {
      this.takeFailure(path);
      const handle = await this.beneathCalls.openNoFollow(path);
      if (handle.kind !== 'file') {
        await this.beneathCalls.close(handle);
        throw errno('EISDIR', path);
      }
      return this.handleOf(handle, path);
    } catch (error) {
      // O_NOFOLLOW met a link, as NodeFileSystem.openFile reports it.
      const code = (error as { code?: unknown }).code;
      throw code === 'ELOOP' ? throughLinkError(path, path) : translateFsError(error, path);
    }
  }

  /** The kernel's view for open-beneath.ts: lookups follow links on the way, like the kernel's. */
  readonly beneathCalls: BeneathCalls<Node> = {
    separator: '/',
    realpath: (path) =>
      promised(() => {
        const real = this.resolve(path, true);
        if (!this.nodes.has(real)) throw errno('ENOENT', path);
        return real;
      }),
    lstat: (path) => promised(() => this.infoOf(this.existing(path))),
    openNoFollow: (path) =>
      promised(() => {
        const node = this.existing(path);
        if (node.kind === 'symlink') throw errno('ELOOP', path);
        this.openHandles += 1;
        return node;
      }),
    fstat: (node) => promised(() => this.infoOf(node)),
    close: () =>
      promised(() => {
        this.openHandles -= 1;
      }),
  };

  readText(path: string): Promise<string | null> {
    return this.run(path, () => {
      let node: Node | undefined;
      try {
        node = this.nodes.get(this.resolve(path, true));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      if (!node) return null;
      if (node.kind !== 'file') throw errno('EISDIR', path);
      return new TextDecoder().decode(node.content);
    });
  }

  join(root: string, relativePath: string): string {
    if (relativePath === '') return normalize(root);
    return normalize(`${root}/${relativePath}`);
  }

  /** The node at `path`, its last component not followed (ENOENT/ENOTDIR like lstat). */
  private existing(path: string): Node {
    const node = this.nodes.get(this.resolve(path, false));
    if (!node) throw errno('ENOENT', path);
    return node;
  }

  private infoOf(node: Node): NodeInfo {
    let ino = this.inodes.get(node);
    if (ino === undefined) this.inodes.set(node, (ino = this.nextInode++));
    return { ...toFileStat(node), dev: 1, ino };
  }

  /** An open handle on `node` (a file): reads see in-place writes, not later renames. */
  private handleOf(node: Node, path: string): OpenFile {
    if (node.kind !== 'file') throw new Error(`not a file: ${path}`);
    const stat = toFileStat(node);
    let closed = false;
    return {
      stat,
      readInto: (offset, target) =>
        promised(() => {
          if (closed) throw new Error(`read of ${path} after close`);
          try {
            this.takeFailure(path);
          } catch (error) {
            throw translateFsError(error, path);
          }
          const bytes = node.content.subarray(offset, offset + target.byteLength);
          target.set(bytes);
          this.reads.push(target);
          return bytes.byteLength;
        }),
      restat: () => promised(() => toFileStat(node)),
      close: async () => {
        if (closed) return;
        closed = true;
        await this.beneathCalls.close(node);
      },
    };
  }

  private async openDirectory(
    absolutePath: string,
    relativePath: string,
    options: WalkOptions,
  ): Promise<Frame> {
    this.takeFailure(absolutePath);
    const identity = this.resolve(absolutePath, true);
    const node = this.nodes.get(identity);
    if (!node) throw errno('ENOENT', absolutePath);
    if (node.kind !== 'directory') throw errno('ENOTDIR', absolutePath);
    for (const { escaped, isDirectory } of this.undecodable.get(identity) ?? []) {
      const path = relativePath ? `${relativePath}/${escaped}` : escaped;
      options.onError(path, invalidNameError(isDirectory));
    }
    const names = [...(this.children.get(identity) ?? [])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    await options.enterDirectory?.(relativePath, names);
    return { relativePath, names, next: 0, identity };
  }

  private followLink(absolutePath: string, relativePath: string): Node | undefined {
    try {
      const node = this.nodes.get(this.resolve(absolutePath, true));
      if (!node) throw errno('ENOENT', absolutePath);
      return node;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ENOENT';
      throw brokenLinkError(relativePath, code, error);
    }
  }

  /** Runs an operation as a promise, with injected failures and errors translated. */
  private run<T>(path: string, operation: () => T): Promise<T> {
    try {
      this.takeFailure(path);
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(translateFsError(error, path));
    }
  }

  private takeFailure(path: string): void {
    const normal = normalize(path);
    const queue = this.failures.get(normal);
    const error = queue?.shift();
    if (queue?.length === 0) this.failures.delete(normal);
    if (error !== undefined) throw error;
  }

  /**
   * The real path of `path`: every symlink among its parents resolved, and the last component
   * too when `followLast`. Throws ENOENT/ENOTDIR/ELOOP like the kernel; a missing last component
   * resolves to its would-be path (whose lookup then finds nothing).
   */
  private resolve(path: string, followLast: boolean): string {
    let hops = 0;
    let pending = normalize(path).split('/').filter(Boolean);
    let current = '/';
    while (pending.length > 0) {
      const [segment, ...rest] = pending as [string, ...string[]];
      const next = current === '/' ? `/${segment}` : `${current}/${segment}`;
      const node = this.nodes.get(next);
      if (!node) {
        if (rest.length > 0) throw errno('ENOENT', path);
        return next;
      }
      if (node.kind === 'symlink' && (rest.length > 0 || followLast)) {
        if (++hops > MAX_LINK_HOPS) throw errno('ELOOP', path);
        const target = node.target.startsWith('/') ? node.target : `${current}/${node.target}`;
        pending = [...normalize(target).split('/').filter(Boolean), ...rest];
        current = '/';
        continue;
      }
      if (node.kind !== 'directory' && rest.length > 0) throw errno('ENOTDIR', path);
      current = next;
      pending = rest;
    }
    return current;
  }

  private put(path: string, node: Node): void {
    const normal = normalize(path);
    if (normal === '/') throw new Error('cannot replace the root');
    const parent = parentOf(normal);
    const parentNode = this.nodes.get(parent);
    if (!parentNode) this.mkdir(parent);
    else if (parentNode.kind !== 'directory') throw new Error(`${parent} is not a directory`);
    if (this.nodes.get(normal)?.kind === 'directory' && node.kind !== 'directory') {
      this.remove(normal);
    }
    this.nodes.set(normal, node);
    this.children.get(parent)?.add(baseName(normal));
    if (node.kind === 'directory' && !this.children.has(normal)) {
      this.children.set(normal, new Set());
    }
  }

  private tick(): number {
    this.clockMs += 1000;
    return this.clockMs;
  }
}

function toFileStat(node: Node): FileStat {
  return {
    kind: node.kind === 'special' ? 'other' : node.kind,
    size: node.kind === 'file' ? node.content.length : 0,
    mtimeMs: node.mtimeMs,
  };
}

/** Runs `operation` as a promise: a throw becomes a rejection, as in an async function. */
function promised<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** An error shaped like Node's fs errors (code, syscall-free message). */
export function errno(code: string, path: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Absolute, without '.', '..', doubled or trailing '/'. */
function normalize(path: string): string {
  if (!path.startsWith('/')) throw new Error(`MemoryFileSystem wants absolute paths: ${path}`);
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
