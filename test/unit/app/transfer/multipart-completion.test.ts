import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { SyncError } from '../../../../app/errors/sync-error.js';
import type {
  CompletedPart,
  MultipartRef,
  ObjectInfo,
  ObjectRef,
} from '../../../../app/ports/object-store.js';
import { withRetries } from '../../../../app/retry/with-retries.js';
import { uploadMultipart } from '../../../../app/transfer/multipart-uploader.js';
import { TokenBucket } from '../../../../app/transfer/token-bucket.js';
import type { UploadTarget } from '../../../../app/transfer/upload-target.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const PATH = '/data/big.bin';
const PART = 1024;
const target: UploadTarget = {
  folderId: 'f',
  relativePath: 'big.bin',
  absolutePath: PATH,
  bucket: 'bucket',
  remoteKey: 'prefix/big.bin',
};
const lost = () =>
  new SyncError('network', 'retry', 'CompleteMultipartUpload: connection reset (ECONNRESET).');

/**
 * The memory store with the faults a proxy produces: a Complete that the store carried out but
 * whose answer never came back, and HEADs that fail on the way.
 */
class LossyStore extends MemoryObjectStore {
  lostCompleteAnswers = 0;
  completesLostBeforeArrival = 0;
  failingHeads = 0;

  override async completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined }> {
    if (this.completesLostBeforeArrival > 0) {
      this.completesLostBeforeArrival -= 1;
      this.calls.completeMultipart += 1;
      throw lost();
    }
    const answer = await super.completeMultipart(request);
    if (this.lostCompleteAnswers > 0) {
      this.lostCompleteAnswers -= 1;
      throw lost();
    }
    return answer;
  }

  override async head(request: ObjectRef): Promise<ObjectInfo | null> {
    if (this.failingHeads > 0) {
      this.failingHeads -= 1;
      this.calls.head += 1;
      throw new SyncError('server-error', 'retry', 'HeadObject: 503 SlowDown.');
    }
    return super.head(request);
  }
}

function setup(content: Uint8Array) {
  const fs = new MemoryFileSystem();
  fs.mkdir('/data');
  fs.writeFile(PATH, content);
  const clock = new InstantClock();
  const store = new LossyStore({ minPartSize: PART, emptyCompleteEtag: true });
  const journal = new MemoryJournal();
  const dependencies = {
    fs,
    store,
    journal,
    digest: nodeDigest,
    clock,
    bandwidth: new TokenBucket(0, clock),
  };
  /** One upload carried to its end the way the transfer runner does: the whole call retried. */
  const upload = async () => {
    // The uploader reads every part from one handle (issue 11), opened beneath the folder.
    const file = await fs.openBeneath('/data', 'big.bin');
    return withRetries(
      () =>
        uploadMultipart(
          dependencies,
          target,
          file,
          { partSize: PART, partConcurrency: 2 },
          () => {},
        ),
      {
        clock,
        random: () => 0.5,
        backoff: { baseMs: 1_000, maxMs: 60_000 },
        maxAttempts: 6,
        failOnFatalCredentials: true,
      },
    ).finally(() => file.close());
  };
  return { store, journal, upload };
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

describe('multipart completion: a completed upload is never sent again', () => {
  it('a verifying HEAD that fails once is retried; no second CreateMultipartUpload, no part re-sent', async () => {
    const content = randomBytes(3 * PART);
    const { store, journal, upload } = setup(content);
    store.failingHeads = 1;

    const result = await upload();

    expect(result).toMatchObject({ partsReused: 0 });
    expect(store.calls.createMultipart).toBe(1);
    expect(store.partUploads).toHaveLength(3);
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
    expect(journal.listCheckpoints()).toEqual([]);
  });

  it('a verifying HEAD that keeps failing leaves the checkpoint, and the next attempt finds the object done', async () => {
    const content = randomBytes(3 * PART);
    const { store, journal, upload } = setup(content);
    store.failingHeads = 6; // more than one attempt's worth of verification retries

    await upload();

    expect(store.calls.createMultipart).toBe(1);
    expect(store.partUploads).toHaveLength(3);
    expect(journal.listCheckpoints()).toEqual([]);
  });

  it('when the answer to Complete is lost after the store completed, the object is checked, not re-sent', async () => {
    const content = randomBytes(3 * PART + 17);
    const { store, journal, upload } = setup(content);
    store.lostCompleteAnswers = 1;

    const result = await upload();

    expect(result).toMatchObject({ partsReused: expect.any(Number) });
    expect(store.calls.createMultipart).toBe(1);
    expect(store.partUploads).toHaveLength(4);
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
    expect(journal.listCheckpoints()).toEqual([]);
  });

  it('when Complete never reached the store, it is sent again with the same parts', async () => {
    const content = randomBytes(3 * PART);
    const { store, upload } = setup(content);
    store.completesLostBeforeArrival = 2;

    await upload();

    expect(store.calls.createMultipart).toBe(1);
    expect(store.partUploads).toHaveLength(3);
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
  });

  it('an upload gone without our object (aborted by someone) starts over instead of recording a wrong object', async () => {
    const content = randomBytes(3 * PART);
    const { store, upload } = setup(content);
    // An older, different object at the key; our Complete is lost before it arrives, and the
    // upload disappears meanwhile (a lifecycle rule aborted it).
    await store.putObject({
      bucket: 'bucket',
      key: 'prefix/big.bin',
      body: new Uint8Array(3 * PART),
      md5Hex: md5(new Uint8Array(3 * PART)),
    });
    store.completesLostBeforeArrival = 1;
    const abortAll = store.completeMultipart.bind(store);
    let aborted = false;
    store.completeMultipart = async (request) => {
      if (!aborted && store.completesLostBeforeArrival === 0) {
        aborted = true;
        await store.abortMultipart(request);
      }
      return abortAll(request);
    };

    await upload();

    expect(store.calls.createMultipart).toBe(2);
    expect(md5(store.get('bucket', 'prefix/big.bin')?.body ?? new Uint8Array())).toBe(md5(content));
  });
});
