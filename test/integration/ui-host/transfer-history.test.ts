import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { PushMessage } from '../../../app/ipc/contract.js';
import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { rgw } from '../setup/rgw-info.js';
import { waitUntil } from '../sync/ferry-process.js';

const hosts: FerryUiHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

/**
 * Issue 13 on the real RGW: after a settings save the transfer list keeps its rows under the
 * same ids (the new engine loads them from the journal), and the window is sent them again so a
 * row the old engine left mid-way does not stay stale.
 */
describe('the transfer list across a settings save', () => {
  it('keeps every row and its id, and pushes the new engine’s rows to the window', async () => {
    const info = rgw();
    const dir = await mkdtemp(join(tmpdir(), 'ferry-history-'));
    const docs = join(dir, 'docs');
    await mkdir(docs);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(join(docs, name), name);
    const document = {
      profiles: [
        {
          id: 'ceph',
          endpoint: info.endpoint,
          forcePathStyle: true,
          credentials: {
            source: 'assume-role',
            accessKeyId: info.user.accessKeyId,
            roleArn: info.roleArn,
            durationSeconds: 900,
          },
        },
      ],
      folders: [
        {
          id: 'docs',
          path: docs,
          profile: 'ceph',
          bucket: info.bucket,
          prefix: `history-${Date.now()}/`,
        },
      ],
      stateDir: join(dir, 'state'),
    };
    const configPath = join(dir, 'ferry.json');
    await writeFile(configPath, JSON.stringify(document));
    const host = await startFerryUiHost({
      configPath,
      secrets: new EnvOverlaySecretStore(new KeytarSecretStore(), {
        FERRY_SECRET_CEPH: info.user.secretAccessKey,
      }),
      host: 'web',
      logWrite: () => {},
    });
    hosts.push(host);
    const pushes: PushMessage[] = [];
    host.onPush((message) => pushes.push(message));

    const doneRows = async () =>
      (await host.handlers['transfers:list']({}))
        .filter((t) => t.state === 'done')
        .map((t) => `${t.relativePath}#${t.id}`)
        .sort();
    await waitUntil(async () => (await doneRows()).length === 3, 30_000, 'three uploads');
    const before = await doneRows();

    await host.handlers['config:save']({
      document: { ...document, transfers: { concurrency: 2 } },
    });
    pushes.length = 0;
    await waitUntil(async () => (await doneRows()).length === 3, 30_000, 'the rows after the save');
    expect(await doneRows()).toEqual(before);
    expect(await host.handlers['transfers:list']({})).toHaveLength(3); // nothing uploaded again

    await waitUntil(
      () => Promise.resolve(pushes.some((p) => p.channel === 'transfers:changed')),
      5_000,
      'the rows pushed after the save',
    );
    const pushed = pushes
      .flatMap((p) => (p.channel === 'transfers:changed' ? p.payload.upserts : []))
      .map((t) => `${t.relativePath}#${t.id}`)
      .sort();
    expect(pushed).toEqual(before);
  });
});
