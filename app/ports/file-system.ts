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
  'fifo' | 'socket' | 'block-device' | 'character-device' | 'symlink' | 'unknown';

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

/**
 * A regular file opened for reading. Every byte read through it comes from the one file that was
 * verified when it was opened, whatever happens to its path afterwards (renamed, replaced, a
 * parent swapped for a link): an upload reads its single PUT or every multipart part from one
 * OpenFile and never goes back to the path. The opener closes it (try/finally).
 */
export interface OpenFile {
  /** The handle's own stat (fstat) when it was opened: the version being uploaded. */
  readonly stat: FileStat;
  /**
   * Fills `target` from its start with the bytes at `offset`; resolves with the count, fewer
   * only at end of file. Positional (pread): concurrent reads at different offsets are fine.
   */
  readInto(offset: number, target: Uint8Array): Promise<number>;
  /** The handle's stat now: differs from `stat` when the file was written while it was open. */
  restat(): Promise<FileStat>;
  /** Releases the handle once reads in flight are done. Idempotent; reads after it reject. */
  close(): Promise<void>;
}

/** The local disk. Paths given to it are absolute; `relativePath`s are "/"-separated. */
export interface FileSystem {
  /** null when the path does not exist. Does not follow a final symlink (lstat). */
  stat(path: string): Promise<FileStat | null>;
  /** Every regular file below `root` (not directories), depth-first, lazily. Rejects with a
   *  SyncError when the root itself cannot be listed (never an empty walk: that would look like
   *  "everything was deleted"). */
  walk(root: string, options: WalkOptions): AsyncIterable<WalkEntry>;
  /**
   * Like `stat` for `relativePath` beneath the folder `root`, without following a symbolic link
   * on the way (`root` itself may be one: the user configured it). null when missing (as when a
   * directory on the way is gone or is a file). A link as the last component is kind 'symlink'.
   * Rejects with SyncError `outside-folder` when a directory on the way is a link, and with
   * `file-changed` (retry) when one was swapped while it looked.
   */
  statBeneath(root: string, relativePath: string): Promise<FileStat | null>;
  /**
   * Opens `relativePath` beneath the folder `root` for reading, following no symbolic link on
   * the way or at the end, and verifies that the handle is the file now at that path (issue 11:
   * nothing from outside the folder is ever read). Rejects with SyncError `file-vanished` (gone),
   * `outside-folder` (a link on the way or at the end: report it, never read it),
   * `file-changed` (retry: the path was swapped while it opened) or `file-unreadable`
   * (permission, not a regular file).
   */
  openBeneath(root: string, relativePath: string): Promise<OpenFile>;
  /**
   * Opens a file the user chose by its absolute path (a drop, not part of a synced folder): the
   * directories on the way may be links (the user picked the path), the file itself may not.
   * Rejects like openBeneath.
   */
  openFile(path: string): Promise<OpenFile>;
  /** Whole small files (.ferryignore); null when missing. */
  readText(path: string): Promise<string | null>;
  /** Joins a root and a "/"-separated relative path the platform's way. */
  join(root: string, relativePath: string): string;
}
