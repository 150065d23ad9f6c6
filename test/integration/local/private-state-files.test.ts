import { chmodSync, chownSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { openSqliteJournal } from '../../../main/adapters/journal/sqlite-journal.js';
import { preparePrivateDir } from '../../../main/adapters/system/private-files.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const fresh = () => mkdtempSync(join(tmpdir(), 'ferry-private-'));

/** A write, so SQLite has a -wal and a -shm file. */
function touch(journal: ReturnType<typeof openSqliteJournal>): void {
  journal.putFile({
    folderId: 'docs',
    relativePath: 'a.txt',
    size: 1,
    mtimeMs: 1,
    md5: null,
    remoteKey: 'a.txt',
    etag: null,
    state: 'synced',
    lastError: null,
    updatedAt: 0,
  });
}

describe('state files are the owner’s only, on the real disk (issue 11)', () => {
  it('a new journal, its -wal and its -shm are 0600 (with the usual umask 022)', () => {
    const path = join(fresh(), 'journal.sqlite');
    const journal = openSqliteJournal(path);
    touch(journal);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
    journal.close();
  });

  it('an existing journal and -wal left 0644 by an older Ferry are tightened at open', () => {
    const dir = fresh();
    const path = join(dir, 'journal.sqlite');
    const first = openSqliteJournal(path);
    touch(first);
    first.close();
    writeFileSync(`${path}-wal`, '');
    for (const file of [path, `${path}-wal`]) chmodSync(file, 0o644);
    const journal = openSqliteJournal(path);
    touch(journal);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
    journal.close();
  });

  it('a new state directory is 0700', () => {
    const dir = join(fresh(), 'state', 'nested');
    preparePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('a pre-existing state directory of ours at 0755 is tightened to 0700, contents kept', () => {
    const dir = join(fresh(), 'state');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'keep.txt'), 'x');
    preparePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(statSync(join(dir, 'keep.txt')).size).toBe(1);
  });

  it('a state directory owned by another user is refused with a clear error, untouched', () => {
    const uid = process.getuid?.() ?? 0;
    // Another user's directory: as root we make one (owned by nobody); otherwise root's /tmp is one.
    let dir = '/tmp';
    if (uid === 0) {
      dir = join(fresh(), 'someone-elses');
      mkdirSync(dir, { mode: 0o755 });
      chownSync(dir, 65_534, 65_534);
    }
    const before = modeOf(dir);
    expect(() => preparePrivateDir(dir)).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        message: expect.stringMatching(
          /belongs to another user \(uid \d+, Ferry runs as uid \d+\)/,
        ),
        hint: expect.stringMatching(/stateDir of your own/),
      }),
    );
    expect(modeOf(dir)).toBe(before);
  });
});
