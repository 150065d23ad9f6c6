import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { assumeRoleTarget, vendorTarget } from '../../../app/credentials/secret-target.js';
import { requireSecret } from '../../../main/adapters/sts/require-secret.js';
import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { checkCommand } from '../../../main/cli/commands/check.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { rgw } from '../setup/rgw-info.js';
import { waitUntil } from '../sync/ferry-process.js';
import { startTokenRecorder } from './token-recorder.js';

const run = promisify(execFile);
const SERVICE = 'ferry-test-binding';

/** A profile on the real RGW (assume-role), and the same profile turned into a vendor source. */
function documents(dir: string, profileId: string, vendorUrl: string) {
  const info = rgw();
  const folder = {
    id: 'docs',
    path: join(dir, 'docs'),
    profile: profileId,
    bucket: info.bucket,
    prefix: `binding-${Date.now()}/`,
  };
  const base = { id: profileId, endpoint: info.endpoint, forcePathStyle: true };
  return {
    assumeRole: {
      profiles: [
        {
          ...base,
          credentials: {
            source: 'assume-role',
            accessKeyId: info.user.accessKeyId,
            roleArn: info.roleArn,
            durationSeconds: 900,
          },
        },
      ],
      folders: [folder],
      stateDir: join(dir, 'state'),
    },
    vendor: {
      profiles: [{ ...base, credentials: { source: 'vendor', url: vendorUrl } }],
      folders: [folder],
      stateDir: join(dir, 'state'),
    },
  };
}

// Inside test/services/with-keyring.sh: the real Secret Service (gnome-keyring).
describe('secrets bound to their target, on the real keychain', () => {
  const keychain = new KeytarSecretStore(SERVICE);
  let recorder: Awaited<ReturnType<typeof startTokenRecorder>>;
  let host: FerryUiHost | undefined;

  beforeAll(async () => {
    recorder = await startTokenRecorder();
  });
  afterAll(async () => {
    await host?.stop();
    await recorder?.close();
  });

  it('never sends the sub-account secret to a vendor URL saved over the bridge', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-binding-'));
    await mkdir(join(dir, 'docs'));
    const configPath = join(dir, 'ferry.yaml');
    const profileId = `bind-${process.pid}`;
    const secret = rgw().user.secretAccessKey;
    const docs = documents(dir, profileId, recorder.url);
    host = await startFerryUiHost({
      configPath,
      secrets: new EnvOverlaySecretStore(keychain, {}),
      host: 'web',
      logWrite: () => {},
    });
    try {
      await host.handlers['config:save']({ document: docs.assumeRole });
      await host.handlers['secrets:set']({ profileId, secret });
      await waitUntil(
        () => Promise.resolve(host?.snapshot().profiles[0]?.status.expiresAt !== null),
        20_000,
        'a real token with the stored secret',
      );

      // The attack: the same profile id, now a vendor source with someone else's URL.
      await host.handlers['config:save']({ document: docs.vendor });
      await waitUntil(
        () =>
          Promise.resolve(
            host?.snapshot().profiles[0]?.status.lastError?.code === 'secret-missing',
          ),
        20_000,
        'the refresh to stop at the binding',
      );
      const profile = host.snapshot().profiles[0];
      expect(profile?.secretStored).toBe(false);
      expect(profile?.status.lastError?.message).toContain('stored for another target');
      expect(profile?.status.lastError?.message).toContain('enter it again');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const leaked = recorder.requests.filter(
        (r) => (r.authorization ?? '').includes(secret) || r.body.includes(secret),
      );
      expect(leaked).toEqual([]);
      expect(recorder.requests).toEqual([]);

      // Entering a token for the new URL is what makes the backend hear from Ferry.
      await host.handlers['secrets:set']({ profileId, secret: 'device-token-for-recorder' });
      await waitUntil(
        () => Promise.resolve(recorder.requests.length > 0),
        20_000,
        'the vendor call with the new token',
      );
      expect(recorder.requests[0]?.authorization).toBe('Bearer device-token-for-recorder');
      expect(recorder.requests.some((r) => (r.authorization ?? '').includes(secret))).toBe(false);
    } finally {
      await host.stop();
      host = undefined;
      await keychain.delete(profileId);
    }
  });

  it('reads an entry written before binding as unbound, binds it at first use, refuses it to a vendor', async () => {
    const account = `legacy-${process.pid}-${Date.now()}`;
    // What an older Ferry stored: the plain secret as the password.
    const keytar = (await import('keytar')).default;
    await keytar.setPassword(SERVICE, account, 'legacy-plain');
    try {
      expect(await keychain.get(account)).toEqual({
        secret: 'legacy-plain',
        target: null,
        origin: 'keychain',
      });
      await expect(
        requireSecret(keychain, account, 'token', vendorTarget(recorder.url)),
      ).rejects.toMatchObject({ code: 'secret-missing' });
      const sts = assumeRoleTarget('AKID', 'https://sts.example.com');
      expect(await requireSecret(keychain, account, 'secret key', sts)).toBe('legacy-plain');
      const { stdout } = await run('secret-tool', [
        'lookup',
        'service',
        SERVICE,
        'account',
        account,
      ]);
      expect(JSON.parse(stdout)).toEqual({ v: 1, target: sts, secret: 'legacy-plain' });
    } finally {
      await keychain.delete(account);
    }
  });

  it('ferry check says the secret was stored for another target and sends nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-binding-'));
    const profileId = `check-${process.pid}`;
    const configPath = join(dir, 'ferry.json');
    await writeFile(
      configPath,
      JSON.stringify({
        profiles: [{ id: profileId, credentials: { source: 'vendor', url: recorder.url } }],
      }),
    );
    await keychain.set(
      profileId,
      'token-for-another-url',
      vendorTarget('https://tokens.corp.example/'),
    );
    const before = recorder.requests.length;
    const err: string[] = [];
    try {
      const code = await checkCommand(configPath, new EnvOverlaySecretStore(keychain, {}), {
        out: () => {},
        err: (text) => err.push(text),
      });
      expect(code).toBe(2);
      expect(err.join('')).toContain('stored for another target');
      expect(err.join('')).toContain(`ferry secret set ${profileId} --config FILE`);
      expect(recorder.requests.length).toBe(before);
    } finally {
      await keychain.delete(profileId);
    }
  });
});
