import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../../app/credentials/credential-broker.js';
import { assembleEngine, type ProfileBinding } from '../../../../app/engine/engine-assembly.js';
import { SyncEngine } from '../../../../app/engine/sync-engine.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import type { Transfer } from '../../../../app/transfer/transfer-queue.js';
import { nodeDigest } from '../../../../main/adapters/digest/node-digest.js';
import { CaptureLogger } from '../../../fakes/capture-logger.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { FakeSts } from '../../../fakes/fake-sts.js';
import { FakeWatcher } from '../../../fakes/fake-watcher.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryJournal } from '../../../fakes/memory-journal.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';
import { engineOptions, ROOT } from './engine-harness.js';

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
};

function dependencies(profiles: ReadonlyMap<string, ProfileBinding>) {
  const clock = new FakeClock();
  return {
    fs: new MemoryFileSystem(),
    watcher: new FakeWatcher(),
    journal: new MemoryJournal(),
    digest: nodeDigest,
    clock,
    random: () => 0.5,
    logger: new CaptureLogger(),
    profiles,
  };
}

describe('assembleEngine', () => {
  it('refuses a folder whose profile is not bound, naming both', () => {
    expect(() =>
      assembleEngine(dependencies(new Map()), [{ ...folder, profileId: 'gone' }], engineOptions),
    ).toThrow(/folder docs: no profile gone/);
  });

  it('builds without calling the store, and every part hears the one stop', async () => {
    const store = new MemoryObjectStore();
    const clock = new FakeClock();
    const broker = new CredentialBroker({
      label: 'ceph',
      source: new FakeSts(clock, 3_600_000).source,
      clock,
    });
    const parts = assembleEngine(
      dependencies(new Map([['ceph', { store, broker }]])),
      [folder],
      engineOptions,
    );
    expect(Object.values(store.calls).reduce((sum, n) => sum + n, 0)).toBe(0);
    expect(parts.stop.stopped).toBe(false);
    await new SyncEngine(parts).stop(0);
    // The requeuer learns of the stop from the shared signal, not by asking the engine.
    const transfer = { folderId: 'docs', relativePath: 'a.txt', size: 1 } as Transfer;
    expect(parts.requeuer.requeue(transfer, 0)).toBe('stopped');
  });
});
