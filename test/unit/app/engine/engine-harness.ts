import { CredentialBroker } from '../../../../app/credentials/credential-broker.js';
import type { EngineEvent } from '../../../../app/engine/engine-events.js';
import { assembleEngine, type EngineOptions } from '../../../../app/engine/engine-assembly.js';
import { SyncEngine } from '../../../../app/engine/sync-engine.js';
import type { Clock } from '../../../../app/ports/clock.js';
import type { ObjectStore } from '../../../../app/ports/object-store.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';
import { FakeWatcher } from '../../../fakes/fake-watcher.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

export const ROOT = '/home/alice/docs';
export const PART = 4 * 1024;

export const engineOptions: EngineOptions = {
  concurrency: 4,
  partSize: PART,
  partConcurrency: 2,
  bandwidthLimit: 0,
  stability: { settleMs: 1_000, quietMs: 200, maxProbes: 5 },
  maxAttempts: 4,
  backoff: { baseMs: 1_000, maxMs: 30_000 },
  failOnFatalCredentials: true,
  maxRequeues: 3,
  massDeleteCount: 10,
  massDeleteFraction: 0.25,
  rescanIntervalMs: 3_600_000,
  fallbackRescanMs: 60_000,
  watchBatchMs: 50,
};

export interface HarnessOptions {
  readonly folder?: Partial<FolderSpec>;
  readonly options?: Partial<EngineOptions>;
  /** Wraps the store, e.g. to fail some calls. */
  readonly wrapStore?: (store: MemoryObjectStore) => ObjectStore;
  /** Instant (sleeps pass at once) or steered by hand. */
  readonly clock?: 'instant' | 'fake';
}

/** An engine on fakes only: memory disk, memory bucket, memory journal, fake STS and watcher. */
export function createHarness(harness: HarnessOptions = {}) {
  const clock: Clock & { now(): number } =
    harness.clock === 'fake' ? new FakeClock() : new InstantClock();
  const fs = new MemoryFileSystem();
  fs.mkdir(ROOT);
  const store = new MemoryObjectStore({ minPartSize: 1024 });
  const journal = new MemoryJournal();
  const watcher = new FakeWatcher();
  const logger = new CaptureLogger();
  const sts = new FakeSts(clock as FakeClock, 3_600_000);
  const broker = new CredentialBroker({
    label: 'ceph',
    source: sts.source,
    clock,
    random: () => 0.5,
  });
  const folder: FolderSpec = {
    id: 'docs',
    root: ROOT,
    profileId: 'ceph',
    bucket: 'sync-bucket',
    prefix: 'alice/docs/',
    mode: 'upload',
    ignore: [],
    remoteListing: false,
    deleteDelayMs: 0,
    ...harness.folder,
  };
  const events: EngineEvent[] = [];
  const parts = assembleEngine(
    {
      fs,
      watcher,
      journal,
      digest: nodeDigest,
      clock,
      random: () => 0.5,
      logger,
      profiles: new Map([
        [
          'ceph',
          { store: signedBy(broker, harness.wrapStore ? harness.wrapStore(store) : store), broker },
        ],
      ]),
    },
    [folder],
    { ...engineOptions, ...harness.options },
  );
  const engine = new SyncEngine(parts);
  engine.onEvent((event) => events.push(event));
  const write = (relativePath: string, content: string | Uint8Array) =>
    fs.writeFile(`${ROOT}/${relativePath}`, content);
  const object = (relativePath: string) => store.get('sync-bucket', `alice/docs/${relativePath}`);
  const text = (relativePath: string) => {
    const stored = object(relativePath);
    return stored ? new TextDecoder().decode(stored.body) : undefined;
  };
  /** The states a path's transfers went through, in order. */
  const statesOf = (relativePath: string) =>
    events.flatMap((e) =>
      e.type === 'transfer' && e.transfer.relativePath === relativePath ? [e.transfer.state] : [],
    );
  return {
    clock,
    fs,
    store,
    journal,
    watcher,
    logger,
    sts,
    broker,
    engine,
    /** The engine's own queue, for tests that queue a path by hand. */
    queue: parts.queue,
    events,
    folder,
    write,
    object,
    text,
    statesOf,
  };
}

/** Bytes that differ per part, so a misplaced part changes the ETag. */
export function patterned(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7 + Math.floor(i / PART)) % 251;
  return bytes;
}

/** Like the real adapters, every store call first asks the broker for a token to sign with. */
function signedBy(broker: CredentialBroker, store: ObjectStore): ObjectStore {
  const signed =
    <A, R>(call: (request: A) => Promise<R>) =>
    async (request: A) => {
      await broker.get();
      return call(request);
    };
  return {
    integrity: store.integrity,
    putObject: signed((r) => store.putObject(r)),
    createMultipart: signed((r) => store.createMultipart(r)),
    uploadPart: signed((r) => store.uploadPart(r)),
    listParts: signed((r) => store.listParts(r)),
    completeMultipart: signed((r) => store.completeMultipart(r)),
    abortMultipart: signed((r) => store.abortMultipart(r)),
    head: signed((r) => store.head(r)),
    list: signed((r) => store.list(r)),
    delete: signed((r) => store.delete(r)),
    listMultipartUploads: signed((r) => store.listMultipartUploads(r)),
  };
}
