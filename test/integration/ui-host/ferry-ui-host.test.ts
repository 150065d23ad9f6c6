import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

async function start(configPath: string, env: Record<string, string> = {}) {
  const host = await startFerryUiHost({
    configPath,
    secrets: new EnvOverlaySecretStore(new KeytarSecretStore(), env),
    host: 'web',
    logWrite: () => {},
  });
  hosts.push(host);
  return host;
}

function validDocument(dir: string, profileId: string) {
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
      {
        id: 'docs',
        path: join(dir, 'docs'),
        profile: profileId,
        bucket: info.bucket,
        prefix: `host-${Date.now()}/`,
      },
    ],
    stateDir: join(dir, 'state'),
  };
}

describe('the UI host: config lifecycle, secrets and credentials on real services', () => {
  it('starts without a config, offers the setup, refuses to save an invalid one and starts on a valid one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-host-'));
    await mkdir(join(dir, 'docs'));
    const configPath = join(dir, 'config', 'ferry.yaml');
    const profileId = `host-${process.pid}`;
    const host = await start(configPath);
    const pushes: PushMessage[] = [];
    host.onPush((message) => pushes.push(message));

    expect(host.snapshot()).toMatchObject({ setupNeeded: true, configError: null, folders: [] });
    await expect(host.handlers['folders:pause']({})).rejects.toMatchObject({
      code: 'config-invalid',
    });

    const invalid = {
      profiles: [{ id: profileId, credentials: { source: 'assume-role' } }],
      folders: [],
    };
    await expect(host.handlers['config:save']({ document: invalid })).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('profiles[0].credentials.roleArn: required'),
    });
    expect(existsSync(configPath)).toBe(false);

    const document = validDocument(dir, profileId);
    await host.handlers['config:save']({ document });
    expect(await readFile(configPath, 'utf8')).toContain(`id: ${profileId}`);
    expect(await host.handlers['config:get']({})).toEqual({ path: configPath, document });

    // The secret arrives through the UI's form: into the real keychain, never back out.
    await host.handlers['secrets:set']({ profileId, secret: rgw().user.secretAccessKey });
    try {
      await waitUntil(
        () => Promise.resolve(host.snapshot().profiles[0]?.status.expiresAt !== null),
        20_000,
        'a token after the secret was set',
      );
      const snapshot = host.snapshot();
      expect(snapshot).toMatchObject({ setupNeeded: false, folders: [{ id: 'docs' }] });
      expect(snapshot.profiles[0]).toMatchObject({
        id: profileId,
        secretStored: true,
        status: { state: 'valid' },
      });
      const everything = JSON.stringify({ snapshot, pushes });
      expect(everything).not.toContain(rgw().user.secretAccessKey);
      expect(pushes.some((p) => p.channel === 'notice' && p.payload.kind === 'config-saved')).toBe(
        true,
      );

      const before = snapshot.profiles[0]?.status.lastRefreshAt ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const refreshed = await host.handlers['credentials:refresh']({ profileId });
      expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
      expect(host.snapshot().profiles[0]?.status.lastRefreshAt).toBeGreaterThan(before);

      // Saving again keeps the previous file as .bak.
      await host.handlers['config:save']({
        document: { ...document, transfers: { concurrency: 4 } },
      });
      expect(await readFile(`${configPath}.bak`, 'utf8')).not.toContain('concurrency');
    } finally {
      expect(await host.handlers['secrets:delete']({ profileId })).toEqual({ deleted: true });
      expect(host.snapshot().profiles[0]?.secretStored).toBe(false);
    }
  });

  it('shows a broken config file as the problem, with the field, and keeps running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-host-'));
    const configPath = join(dir, 'ferry.yaml');
    await writeFile(configPath, 'profiles:\n  - id: x\n    credentials: {source: nope}\n');
    const host = await start(configPath);
    const snapshot = host.snapshot();
    expect(snapshot.setupNeeded).toBe(false);
    expect(snapshot.configError?.message).toContain(
      'source must be one of: assume-role, aliyun-sts, vendor',
    );
    expect((await host.handlers['config:get']({})).document).toMatchObject({
      profiles: [{ id: 'x' }],
    });
  });

  it('reports a wrong secret as the profile’s refresh error, with a hint, without crashing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-host-'));
    await mkdir(join(dir, 'docs'));
    const configPath = join(dir, 'ferry.json');
    await writeFile(configPath, JSON.stringify(validDocument(dir, 'wrongkey')));
    const host = await start(configPath, { FERRY_SECRET_WRONGKEY: 'not-the-secret' });
    await waitUntil(
      () => Promise.resolve(host.snapshot().profiles[0]?.status.state === 'failing'),
      20_000,
      'the refresh to fail',
    );
    const status = host.snapshot().profiles[0]?.status;
    expect(status?.lastError?.code).toMatch(/^sts-/);
    expect(status?.lastError?.hint).toBeTruthy();
    expect(host.snapshot().trayState).toBe('credentials-expired');
  });
});
