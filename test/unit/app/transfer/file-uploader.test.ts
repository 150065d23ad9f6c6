import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import { FileLedger } from '../../../../app/sync/file-ledger.js';
import { FileUploader, type UploadTarget } from '../../../../app/transfer/file-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';
import { rejection } from '../../../support/rejection.js';

const ROOT = '/home/alice/docs';
const PART = 1024;
const SECRET = 'SECRET: a file outside the synced folder';

function setup() {
  const clock = new InstantClock();
  const fs = new MemoryFileSystem();
  fs.mkdir(ROOT);
  fs.writeFile('/home/alice/private/f.txt', SECRET, 0);
  fs.writeFile('/home/alice/private/big.bin', `${SECRET}\n`.repeat(200), 0);
  const store = new MemoryObjectStore({ minPartSize: PART });
  const journal = new MemoryJournal();
  const ledger = new FileLedger(journal, clock, [{ id: 'docs', prefix: 'docs/' }]);
  const uploader = new FileUploader(
    {
      fs,
      store,
      journal,
      ledger,
      digest: nodeDigest,
      clock,
      bandwidth: new TokenBucket(0, clock),
    },
    {
      partSize: PART,
      partConcurrency: 2,
      stability: { settleMs: 1_000, quietMs: 200, maxProbes: 3 },
    },
  );
  const target = (relativePath: string): UploadTarget => ({
    folderId: 'docs',
    relativePath,
    absolutePath: fs.join(ROOT, relativePath),
    root: ROOT,
    bucket: 'bucket',
    remoteKey: `docs/${relativePath}`,
  });
  /** Old enough to pass the settle check at once. */
  const write = (relativePath: string, content: string) =>
    fs.writeFile(fs.join(ROOT, relativePath), content, clock.now() - 60_000);
  const stored = (relativePath: string) => {
    const object = store.get('bucket', `docs/${relativePath}`);
    return object && new TextDecoder().decode(object.body);
  };
  const upload = (relativePath: string) => uploader.upload(target(relativePath), () => {});
  return { clock, fs, store, journal, uploader, target, write, stored, upload };
}

describe('FileUploader: nothing from outside the folder (issue 11)', () => {
  it('reports a file reached through a symlinked directory, and uploads nothing', async () => {
    const h = setup();
    h.fs.symlink(`${ROOT}/sub`, '/home/alice/private');

    for (const path of ['sub/f.txt', 'sub/big.bin']) {
      const error = await rejection(h.upload(path));
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ code: 'outside-folder', disposition: 'no-retry' });
      expect(error.message).toContain('goes through a symbolic link ("sub")');
    }
    expect(h.store.calls.putObject + h.store.calls.createMultipart).toBe(0);
    expect(h.fs.openHandles).toBe(0);
  });

  it('a directory swapped for a link after the stat and before the open: not uploaded', async () => {
    const h = setup();
    h.write('sub/f.txt', 'inside');
    const statBeneath = h.fs.statBeneath.bind(h.fs);
    h.fs.statBeneath = async (root, relativePath) => {
      const stat = await statBeneath(root, relativePath);
      h.fs.rename(`${ROOT}/sub`, '/elsewhere/sub');
      h.fs.symlink(`${ROOT}/sub`, '/home/alice/private');
      h.fs.statBeneath = statBeneath;
      return stat;
    };

    await expect(h.upload('sub/f.txt')).rejects.toMatchObject({ code: 'outside-folder' });
    expect(h.store.calls.putObject).toBe(0);
    expect(h.fs.openHandles).toBe(0);
  });

  it('a directory swapped for a link during a multipart upload: every part from the opened file', async () => {
    const h = setup();
    const inside = 'inside bytes\n'.repeat(400); // 5 parts
    h.write('sub/big.bin', inside);
    let swapped = false;
    h.store.gate = async (call) => {
      if (call.method === 'uploadPart' && !swapped) {
        swapped = true;
        h.fs.rename(`${ROOT}/sub`, '/elsewhere/sub');
        h.fs.symlink(`${ROOT}/sub`, '/home/alice/private');
      }
      return Promise.resolve();
    };

    // The upload itself was of the inside file; the path no longer holds it afterwards.
    expect(await h.upload('sub/big.bin')).toMatchObject({ kind: 'changed' });
    const object = h.stored('sub/big.bin');
    expect(object === undefined || object === inside).toBe(true);
    expect(object ?? '').not.toContain('SECRET');
    expect(h.fs.openHandles).toBe(0);
  });
});

describe('FileUploader: one handle per upload, always closed', () => {
  it('uploads small and large files from their handle and closes it', async () => {
    const h = setup();
    h.write('a.txt', 'alpha');
    h.write('big.bin', 'b'.repeat(3 * PART + 7));

    expect(await h.upload('a.txt')).toMatchObject({ kind: 'uploaded', size: 5 });
    expect(await h.upload('big.bin')).toMatchObject({ kind: 'uploaded', size: 3 * PART + 7 });
    expect(h.stored('a.txt')).toBe('alpha');
    expect(h.stored('big.bin')).toBe('b'.repeat(3 * PART + 7));
    expect(h.fs.openHandles).toBe(0);
  });

  it('closes the handle when a multipart upload fails half-way', async () => {
    const h = setup();
    h.write('big.bin', 'b'.repeat(4 * PART));
    h.store.failNext('uploadPart', new SyncError('network', 'retry', 'connection reset'));

    await expect(h.upload('big.bin')).rejects.toThrow('connection reset');
    expect(h.fs.openHandles).toBe(0);
  });

  it('closes the handle when a read fails', async () => {
    const h = setup();
    h.write('a.txt', 'alpha');
    h.fs.failNext(`${ROOT}/a.txt`, Object.assign(new Error('EIO'), { code: 'EIO' })); // statBeneath
    await expect(h.upload('a.txt')).rejects.toMatchObject({ code: 'file-unreadable' });
    const openBeneath = h.fs.openBeneath.bind(h.fs);
    h.fs.openBeneath = async (root, relativePath) => {
      const file = await openBeneath(root, relativePath);
      h.fs.failNext(`${ROOT}/a.txt`, Object.assign(new Error('EIO'), { code: 'EIO' })); // the read
      return file;
    };
    await expect(h.upload('a.txt')).rejects.toMatchObject({ code: 'file-unreadable' });
    expect(h.fs.openHandles).toBe(0);
  });

  it('a file written in place while it is read is changed, not recorded', async () => {
    const h = setup();
    h.write('big.bin', 'x'.repeat(3 * PART));
    h.store.gate = async (call) => {
      if (call.method === 'uploadPart') h.write('big.bin', 'y'.repeat(3 * PART + 1));
      return Promise.resolve();
    };
    expect(await h.upload('big.bin')).toMatchObject({ kind: 'changed' });
    expect(h.journal.getFile('docs', 'big.bin')).toBeUndefined();
  });

  it('a file replaced by another (save by rename) after it was read is changed, not recorded', async () => {
    const h = setup();
    h.write('a.txt', 'old');
    h.store.gate = async (call) => {
      if (call.method === 'putObject') {
        h.fs.remove(`${ROOT}/a.txt`);
        h.write('a.txt', 'a newer version');
      }
      return Promise.resolve();
    };
    expect(await h.upload('a.txt')).toMatchObject({ kind: 'changed' });
    expect(h.stored('a.txt')).toBe('old'); // what was read, from the one handle
    expect(h.journal.getFile('docs', 'a.txt')).toBeUndefined();
  });

  it('a drop (no folder root) opens its absolute path but not a link there', async () => {
    const h = setup();
    h.fs.writeFile('/tmp/dropped.txt', 'dropped', 0);
    h.fs.symlink('/tmp/link.txt', '/home/alice/private/f.txt');
    const drop = (absolutePath: string): UploadTarget => ({
      folderId: 'drop:docs',
      relativePath: 'dropped.txt',
      absolutePath,
      bucket: 'bucket',
      remoteKey: 'docs/dropped.txt',
      oneOff: true,
    });
    expect(await h.uploader.upload(drop('/tmp/dropped.txt'), () => {})).toMatchObject({
      kind: 'uploaded',
    });
    // A link's own lstat is not a file: the uploader treats it as gone, and never reads it.
    expect(await h.uploader.upload(drop('/tmp/link.txt'), () => {})).toMatchObject({
      kind: 'vanished',
    });
    expect(h.stored('dropped.txt')).toBe('dropped');
  });

  it('refuses a folder file without its root (it would be opened by path)', async () => {
    const h = setup();
    h.write('a.txt', 'alpha');
    const withoutRoot: UploadTarget = { ...h.target('a.txt'), root: undefined };
    await expect(h.uploader.upload(withoutRoot, () => {})).rejects.toMatchObject({
      code: 'internal',
    });
  });
});
