import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { TransferView } from '../../../app/ipc/views.js';
import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { rgw } from '../setup/rgw-info.js';
import { remoteTree, waitUntil } from '../sync/ferry-process.js';

const hosts: FerryUiHost[] = [];
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
afterEach(async () => {
  process.off('unhandledRejection', collect);
  process.off('uncaughtException', collect);
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

function documentFor(dir: string, profileId: string, prefix: string) {
  const info = rgw();
  return {
    profiles: [
      {
        id: profileId,
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
      { id: 'docs', path: join(dir, 'docs'), profile: profileId, bucket: info.bucket, prefix },
    ],
    stateDir: join(dir, 'state'),
  };
}

/**
 * `ferry serve` restarts its engine session on every settings save. A transfer waiting for
 * credentials then (a wrong secret) used to end after the session had closed its journal, and
 * its row write threw out of the queue's un-awaited promise: "journal … is closed", an
 * unhandled rejection that ended the whole process.
 */
describe('a settings save while a transfer waits for credentials', () => {
  it('restarts the session without crashing, and the new session uploads the file', async () => {
    process.on('unhandledRejection', collect);
    process.on('uncaughtException', collect);
    const dir = await mkdtemp(join(tmpdir(), 'ferry-restart-'));
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'a.txt'), 'uploaded by the second session');
    const prefix = `restart-${process.pid}-${Date.now()}/`;
    const configPath = join(dir, 'ferry.json');
    await writeFile(configPath, JSON.stringify(documentFor(dir, 'wrongsecret', prefix)));
    const host = await startFerryUiHost({
      configPath,
      secrets: new EnvOverlaySecretStore(new KeytarSecretStore(), {
        FERRY_SECRET_WRONGSECRET: 'not-the-secret',
      }),
      host: 'web',
      logWrite: () => {},
    });
    hosts.push(host);
    const rows: TransferView[] = [];
    host.onPush((message) => {
      if (message.channel === 'transfers:changed') rows.push(...message.payload.upserts);
    });
    await waitUntil(
      () => Promise.resolve(rows.some((row) => row.state === 'waiting-for-credentials')),
      30_000,
      'the upload to wait for credentials',
    );

    // The fix: a profile whose secret works. The old session closes under the waiting upload.
    const profileId = `restart${process.pid}`;
    const saved = Date.now();
    await host.handlers['config:save']({ document: documentFor(dir, profileId, prefix) });
    await host.handlers['secrets:set']({ profileId, secret: rgw().user.secretAccessKey });
    try {
      await waitUntil(
        async () => (await remoteTree(prefix)).has('a.txt'),
        60_000,
        'the new session to upload a.txt',
      );
      // Long enough for the old session's credential wait (its broker's backoff) to have ended.
      const waited = Date.now() - saved;
      if (waited < 8_000) await new Promise((resolve) => setTimeout(resolve, 8_000 - waited));

      expect(unhandled).toEqual([]);
      const snapshot = host.snapshot();
      expect(snapshot.configError).toBeNull();
      expect(snapshot.folders).toMatchObject([{ id: 'docs' }]);
      expect(snapshot.profiles[0]).toMatchObject({ id: profileId, status: { state: 'valid' } });
      const last = rows.filter((row) => row.relativePath === 'a.txt').at(-1);
      expect(last?.state).toBe('done');
    } finally {
      await host.handlers['secrets:delete']({ profileId });
    }
  }, 120_000);
});
