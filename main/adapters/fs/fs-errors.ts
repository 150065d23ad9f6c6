import { SyncError } from '../../../app/errors/sync-error.js';

/*
 * fs errors as SyncErrors, shared by the adapter's walk and reads and by the in-memory fake
 * (test/fakes/memory-file-system.ts), which must fail the same way.
 */

export function brokenLinkError(relativePath: string, code: string, cause: unknown): SyncError {
  return new SyncError(
    'file-unreadable',
    'no-retry',
    `Not following "${relativePath}": the symlink points to nothing (${code}).`,
    { hint: 'Fix or remove the link, or ignore it in .ferryignore.', cause },
  );
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The root cannot be listed: the whole walk fails (see `walk`). */
export function walkRootError(error: unknown, root: string): SyncError {
  if (!isMissing(error)) return translateFsError(error, root, 'Cannot list the folder');
  return new SyncError('file-vanished', 'retry', `The folder ${root} is missing or unmounted.`, {
    hint: 'Reconnect the drive or correct the folder path; Ferry looks again on the next scan.',
    cause: error,
  });
}

export function symlinkLoopError(relativePath: string): SyncError {
  return new SyncError(
    'file-unreadable',
    'no-retry',
    `Not following "${relativePath}": symlink loop (it leads back to a folder that contains it).`,
    {
      hint: 'Nothing to do unless the link is a mistake; Ferry syncs that folder once, not again.',
    },
  );
}

/**
 * fs errors → SyncError at the boundary, so the engine never looks at errno codes. Exported for
 * the in-memory fake, which must fail the same way.
 */
export function translateFsError(error: unknown, path: string, what = 'Cannot read'): SyncError {
  if (error instanceof SyncError) return error;
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new SyncError('file-vanished', 'no-retry', `${what} ${path}: it no longer exists.`, {
      params: { path },
      hint: 'It was moved or deleted while Ferry was looking at it; the next scan sees the change.',
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SyncError('file-unreadable', 'no-retry', `${what} ${path}: permission denied.`, {
      params: { path },
      hint: 'Give the user running Ferry read access (and, for a folder, execute access), or ignore it in .ferryignore.',
      cause: error,
    });
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new SyncError('file-unreadable', 'retry', `${what} ${path} (${detail}).`, {
    params: { path, detail },
    hint: 'Check that the disk is mounted and healthy; Ferry tries again on the next scan.',
    cause: error,
  });
}

/** A name that is not valid UTF-8 (see entry-names.ts): object keys are UTF-8, so it cannot go. */
export function invalidNameError(isDirectory: boolean): SyncError {
  return new SyncError(
    'invalid-name',
    'no-retry',
    // Shown beside its path (escaped: bad\xff.txt), so the message does not repeat it.
    isDirectory
      ? 'Folder name is not valid UTF-8: nothing in it is uploaded.'
      : 'Name is not valid UTF-8: it cannot become an object key.',
    {
      hint: 'Rename it to a UTF-8 name (e.g. `convmv -f latin1 -t utf8 --notest NAME`); object keys must be UTF-8.',
    },
  );
}
