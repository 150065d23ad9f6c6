import { describe, expect, it } from 'vitest';

import { toWatcherError } from '../../../../../main/adapters/watcher/watcher-error.js';

describe('toWatcherError', () => {
  const fsError = (code: string) =>
    Object.assign(new Error(`${code}: something, watch '/data/x'`), { code });

  it.each([
    [
      'ENOSPC',
      /file watchers \(inotify\)/,
      /sysctl fs\.inotify\.max_user_watches=524288.*sysctl\.d/,
    ],
    ['EMFILE', /too many open files/, /ulimit -n/],
    ['EACCES', /permission denied/, /read and execute access/],
    ['EPERM', /permission denied/, /read and execute access/],
    ['EIO', /\(EIO\)/, /restart Ferry/],
  ])('%s → watcher-failed, retry, with the fix', (code, message, hint) => {
    const error = toWatcherError(fsError(code), '/data/photos');
    expect(error.code).toBe('watcher-failed');
    expect(error.disposition).toBe('retry');
    expect(error.message).toContain('/data/photos');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ["inotify_add_watch on '/data/x' failed: No space left on device", /file watchers \(inotify\)/],
    ['Unable to open: Too many open files', /too many open files/],
    ["inotify_add_watch on '/data/x' failed: Permission denied", /permission denied/],
  ])("reads the errno from @parcel/watcher's text: %s", (text, message) => {
    expect(toWatcherError(new Error(text), '/data').message).toMatch(message);
  });

  it('names an error without a code by its message', () => {
    expect(toWatcherError(new Error('boom'), '/data').message).toContain('(boom)');
  });
});
