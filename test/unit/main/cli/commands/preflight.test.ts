import { describe, expect, it } from 'vitest';

import type { CredentialBroker } from '../../../../../app/credentials/credential-broker.js';
import type { ProfileBinding } from '../../../../../app/engine/engine-assembly.js';
import { SyncError } from '../../../../../app/errors/sync-error.js';
import type { FolderSpec } from '../../../../../app/sync/folder-spec.js';
import { preflight } from '../../../../../main/cli/commands/preflight.js';
import { InstantClock } from '../../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../../fakes/memory-file-system.js';
import { MemoryObjectStore } from '../../../../fakes/memory-object-store.js';
import { rejection } from '../../../../support/rejection.js';

const folder: FolderSpec = {
  id: 'data',
  root: '/data',
  profileId: 'p',
  bucket: 'bucket',
  prefix: 'prefix/',
  mode: 'upload',
  ignore: [],
  remoteListing: false,
  deleteDelayMs: 0,
};

function setup(folders: FolderSpec[] = [folder]) {
  const store = new MemoryObjectStore();
  const broker = { get: () => Promise.resolve({}) } as unknown as CredentialBroker;
  const profiles = new Map<string, ProfileBinding>([['p', { store, broker }]]);
  const clock = new InstantClock();
  const fs = new MemoryFileSystem();
  fs.mkdir('/data');
  const run = () =>
    preflight(
      { profiles, folders },
      {
        clock,
        random: () => 0.5,
        fs,
      },
    );
  return { store, run };
}

describe('preflight', () => {
  it('retries a 503 and a reset connection on its HEAD like any request', async () => {
    const { store, run } = setup();
    store.failNext('head', new SyncError('server-error', 'retry', 'HeadObject: 503 SlowDown.'));
    store.failNext('head', new SyncError('network', 'retry', 'HeadObject: ECONNRESET.'));

    await run();

    expect(store.calls.head).toBe(3);
  });

  it('an endpoint that keeps failing is still a configuration problem (fatal, exit 2)', async () => {
    const { store, run } = setup();
    store.failNext('head', new SyncError('network', 'retry', 'HeadObject: ECONNREFUSED.'), 20);

    const error = await rejection(run());

    expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
    expect(store.calls.head).toBeGreaterThan(1);
    expect(store.calls.head).toBeLessThan(10);
  });

  it('access denied on the probe is left to the uploads (the policy may not grant GetObject)', async () => {
    const { store, run } = setup();
    store.denyKeysMatching(/ferry-preflight/, ['head']);

    await run();

    expect(store.calls.head).toBe(1);
  });

  it('names every failing folder, not just the first (exit 2)', async () => {
    const { run } = setup([
      { ...folder, id: 'gone', root: '/gone' },
      folder,
      { ...folder, id: 'also-gone', root: '/also-gone' },
    ]);

    const error = await rejection(run());

    expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
    expect(error.message).toMatch(/^2 folders cannot sync:/);
    expect(error.message).toContain('Folder "gone": /gone does not exist.');
    expect(error.message).toContain('Folder "also-gone": /also-gone does not exist.');
  });
});
