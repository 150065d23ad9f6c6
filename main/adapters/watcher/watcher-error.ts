import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * @parcel/watcher's errors carry no errno code, only strerror text ("inotify_add_watch on '/x'
 * failed: No space left on device"): the texts of the limits that have a known fix.
 */
const STRERROR_CODES: readonly (readonly [RegExp, string])[] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Too many open files/i, 'EMFILE'],
  [/Permission denied/i, 'EACCES'],
  [/Operation not permitted/i, 'EPERM'],
];

/** The errno code of a watcher error: its `code`, or the one its message spells out. */
export function watcherErrorCode(cause: unknown): string | undefined {
  const errno = (cause as { code?: unknown } | null)?.code;
  if (typeof errno === 'string') return errno;
  const message = cause instanceof Error ? cause.message : '';
  return STRERROR_CODES.find(([text]) => text.test(message))?.[1];
}

/** The watched folder itself went away: nothing below it can be seen any more. */
export function rootGoneError(root: string): SyncError {
  return new SyncError(
    'watcher-failed',
    'retry',
    `The folder ${root} was removed or unmounted; changes in it are no longer seen.`,
    { hint: 'Restore or remount the folder; Ferry looks at it again on its periodic rescans.' },
  );
}

/** Watcher errors (chokidar/fs.watch, @parcel/watcher) → SyncError with the fix for each known
 *  limit. */
export function toWatcherError(cause: unknown, root: string): SyncError {
  const code = watcherErrorCode(cause);
  const fallback =
    'Ferry rescans the folder periodically instead, so changes are still synced, later.';
  switch (code) {
    case 'ENOSPC':
      return new SyncError(
        'watcher-failed',
        'retry',
        `Cannot watch every file in ${root}: the system limit for file watchers (inotify) is reached. ${fallback}`,
        {
          hint:
            'Raise the limit: `sudo sysctl fs.inotify.max_user_watches=524288`; to keep it after a ' +
            'reboot, add `fs.inotify.max_user_watches=524288` to /etc/sysctl.d/90-ferry.conf. Or ' +
            'ignore large folders you do not need in .ferryignore.',
          cause,
        },
      );
    case 'EMFILE':
      return new SyncError(
        'watcher-failed',
        'retry',
        `Cannot watch ${root}: too many open files for this process. ${fallback}`,
        {
          hint:
            'Raise the open-files limit before starting Ferry (`ulimit -n 65536`, or LimitNOFILE= in ' +
            'its systemd unit), or ignore large folders in .ferryignore.',
          cause,
        },
      );
    case 'EPERM':
    case 'EACCES':
      return new SyncError(
        'watcher-failed',
        'retry',
        `Cannot watch part of ${root}: permission denied. ${fallback}`,
        {
          hint: 'Give the user running Ferry read and execute access to the folder and its subfolders, or ignore the unreadable ones in .ferryignore.',
          cause,
        },
      );
    default:
      return new SyncError(
        'watcher-failed',
        'retry',
        `Watching ${root} failed (${code ?? describe(cause)}). ${fallback}`,
        {
          hint: 'If this repeats, restart Ferry; the folder is still synced by periodic rescans.',
          cause,
        },
      );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
