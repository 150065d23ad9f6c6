/** What Ferry needs to know about a path on disk. */
export interface FileStat {
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  readonly size: number;
  /** Modification time in ms (fractional precision kept where the OS has it). */
  readonly mtimeMs: number;
}

/** A regular file found by `walk`. */
export interface WalkEntry {
  /** Path below the walked root, "/"-separated, exactly as on disk (not Unicode-normalised). */
  readonly relativePath: string;
  readonly stat: FileStat;
}

/** What a walk passed over without yielding it (see `WalkOptions.onSkip`). */
export type SkippedEntryKind =
  | 'fifo'
  | 'socket'
  | 'block-device'
  | 'character-device'
  | 'symlink'
  | 'unknown';

export interface WalkOptions {
  /** Follow symbolic links to directories and files. Off by default; loops are never followed. */
  readonly followSymlinks: boolean;
  /** Asked before descending into a directory (isDirectory true) or yielding a file. */
  readonly isIgnored: (relativePath: string, isDirectory: boolean) => boolean;
  /**
   * A directory or file that could not be read (EACCES, vanished), or a name that is not valid
   * UTF-8 (a SyncError `invalid-name`; its relativePath shows the bad bytes escaped, `bad\xff`):
   * reported, walk goes on.
   */
  readonly onError: (relativePath: string, error: unknown) => void;
  /**
   * An entry the walk saw and deliberately does not yield: a FIFO, socket or device, or a symlink
   * it does not follow. Asked only for entries `isIgnored` lets through, so nothing the walk
   * passes over goes unmentioned (issue 11: no silent skips).
   */
  readonly onSkip?: (relativePath: string, kind: SkippedEntryKind) => void;
  /**
   * Called with a directory's entry names before any of them is considered ("" is the root),
   * and awaited: lets ignore rules load that directory's .ferryignore before its siblings are
   * matched. If it rejects, the directory is reported through onError and skipped.
   */
  readonly enterDirectory?: (relativeDirectory: string, names: readonly string[]) => Promise<void>;
}

/** The local disk. Paths given to it are absolute. */
export interface FileSystem {
  /** null when the path does not exist. Does not follow a final symlink (lstat). */
  stat(path: string): Promise<FileStat | null>;
  /** Every regular file below `root` (not directories), depth-first, lazily. Rejects with a
   *  SyncError when the root itself cannot be listed (never an empty walk: that would look like
   *  "everything was deleted"). */
  walk(root: string, options: WalkOptions): AsyncIterable<WalkEntry>;
  /** Reads `length` bytes from `offset` (fewer at end of file). Rejects if the file is gone. */
  readRange(path: string, offset: number, length: number): Promise<Uint8Array>;
  /**
   * Like readRange, into the caller's buffer (filling `target` from its start; fewer bytes at
   * end of file): resolves with the number of bytes read. Optional: lets a caller reuse one
   * buffer for many reads (multipart parts) instead of allocating one per read.
   */
  readInto?(path: string, offset: number, target: Uint8Array): Promise<number>;
  /** Whole small files (.ferryignore); null when missing. */
  readText(path: string): Promise<string | null>;
  /** Joins a root and a "/"-separated relative path the platform's way. */
  join(root: string, relativePath: string): string;
}
