import { describe, expect, it } from 'vitest';

import { FileLedger } from '../../../../app/sync/file-ledger.js';
import { FileUploader } from '../../../../app/transfer/file-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const ROOT = '/home/alice/docs';
const CHUNK = 'c'.repeat(1024);

/** A clock whose sleeps let a writer's chunks land (each at its time, with that mtime). */
class WriterClock extends InstantClock {
  private pending: { at: number; write: () => void }[] = [];

  at(offsetMs: number, write: (mtimeMs: number) => void): void {
    const at = this.now() + offsetMs;
    this.pending.push({ at, write: () => write(at) });
  }

  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms);
    const due = this.pending.filter((chunk) => chunk.at <= this.now());
    this.pending = this.pending.filter((chunk) => chunk.at > this.now());
    for (const chunk of due) chunk.write();
  }
}

function setup() {
  const clock = new WriterClock();
  const fs = new MemoryFileSystem();
  fs.mkdir(ROOT);
  const store = new MemoryObjectStore({ minPartSize: 64 * 1024 });
  const journal = new MemoryJournal();
  const ledger = new FileLedger(journal, clock, [{ id: 'docs', prefix: 'docs/' }]);
  const uploader = new FileUploader(
    { fs, store, journal, ledger, digest: nodeDigest, clock, bandwidth: new TokenBucket(0, clock) },
    {
      partSize: 64 * 1024,
      partConcurrency: 1,
      stability: { settleMs: 1_000, quietMs: 200, maxProbes: 20 },
    },
  );
  const target = {
    folderId: 'docs',
    relativePath: 'slow.bin',
    absolutePath: `${ROOT}/slow.bin`,
    root: ROOT,
    bucket: 'bucket',
    remoteKey: 'docs/slow.bin',
  };
  return { clock, fs, store, journal, uploader, target };
}

describe('FileUploader: a file still being written (issue 15)', () => {
  it('chunks landing while it waits: only the whole file is sent and recorded', async () => {
    const h = setup();
    let content = CHUNK;
    h.fs.writeFile(`${ROOT}/slow.bin`, content, h.clock.now());
    // Pauses of 150 ms (the bench's writer), then 450 ms: longer than the quiet time.
    for (const offset of [150, 300, 750, 1_200]) {
      h.clock.at(offset, (mtimeMs) => {
        content += CHUNK;
        h.fs.writeFile(`${ROOT}/slow.bin`, content, mtimeMs);
      });
    }
    h.clock.advance(100); // the watcher's delay before the first look

    const outcome = await h.uploader.upload(h.target, () => {});

    expect(outcome).toMatchObject({ kind: 'uploaded', size: 5 * CHUNK.length });
    expect(h.store.calls.putObject).toBe(1);
    expect(new TextDecoder().decode(h.store.get('bucket', 'docs/slow.bin')?.body)).toBe(content);
    expect(h.journal.getFile('docs', 'slow.bin')).toMatchObject({ size: 5 * CHUNK.length });
  });

  it('a file written once goes quietMs after its write: the watcher delay is not added', async () => {
    const h = setup();
    const written = h.clock.now();
    h.fs.writeFile(`${ROOT}/slow.bin`, CHUNK, written);
    h.clock.advance(100);
    expect(await h.uploader.upload(h.target, () => {})).toMatchObject({ kind: 'uploaded' });
    expect(h.clock.now() - written).toBe(200);
  });
});
