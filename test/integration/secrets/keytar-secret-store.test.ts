import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { assumeRoleTarget } from '../../../app/credentials/secret-target.js';
import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { describeSecretStoreContract } from '../../contracts/secret-store-contract.js';
import { buildOnce, repoRoot } from '../../support/build-once.js';

const run = promisify(execFile);
const TARGET = assumeRoleTarget('AKIDEXAMPLE', 'https://sts.example.com');

// These run inside test/services/with-keyring.sh: a private D-Bus session with an unlocked
// gnome-keyring, i.e. the real Secret Service a Linux desktop offers.
describe('KeytarSecretStore against gnome-keyring', () => {
  const store = new KeytarSecretStore('ferry-test');
  const account = `profile-${process.pid}-${Date.now()}`;

  it('round-trips set, get and delete', async () => {
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'sub-account secret 密钥 with spaces', TARGET);
    expect((await store.get(account))?.secret).toBe('sub-account secret 密钥 with spaces');
    await store.set(account, 'rotated', TARGET);
    expect((await store.get(account))?.secret).toBe('rotated');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps profiles apart', async () => {
    await store.set(`${account}-a`, 'secret-a', TARGET);
    await store.set(`${account}-b`, 'secret-b', TARGET);
    expect((await store.get(`${account}-a`))?.secret).toBe('secret-a');
    expect((await store.get(`${account}-b`))?.secret).toBe('secret-b');
    await store.delete(`${account}-a`);
    await store.delete(`${account}-b`);
  });

  it('is really the Secret Service: secret-tool sees what Ferry stored', async () => {
    await store.set(`${account}-tool`, 'visible-to-secret-tool', TARGET);
    const { stdout } = await run('secret-tool', [
      'lookup',
      'service',
      'ferry-test',
      'account',
      `${account}-tool`,
    ]);
    // One entry holds the secret and what it is bound to (secret-envelope.ts).
    expect(JSON.parse(stdout)).toEqual({ v: 1, target: TARGET, secret: 'visible-to-secret-tool' });
    await store.delete(`${account}-tool`);
  });

  it('refuses to store an empty secret', async () => {
    await expect(store.set(account, '', TARGET)).rejects.toMatchObject({ code: 'secret-missing' });
  });

  it('lets FERRY_SECRET_<ID> override the keychain', async () => {
    await store.set(`${account}-env`, 'from-keychain', TARGET);
    const env = {
      [`FERRY_SECRET_${`${account}-env`.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`]: 'from-env',
    };
    expect((await new EnvOverlaySecretStore(store, env).get(`${account}-env`))?.secret).toBe(
      'from-env',
    );
    expect((await new EnvOverlaySecretStore(store, {}).get(`${account}-env`))?.secret).toBe(
      'from-keychain',
    );
    await store.delete(`${account}-env`);
  });
});

/** A plain keychain password under Ferry's test service: an entry from before secrets were bound. */
async function plantUnbound(profileId: string, secret: string): Promise<void> {
  const keytar = (await import('keytar')).default;
  await keytar.setPassword('ferry-test', profileId, secret);
}

describeSecretStoreContract('KeytarSecretStore against gnome-keyring', () => ({
  store: new KeytarSecretStore('ferry-test'),
  origin: 'keychain',
  plantUnbound,
}));

describeSecretStoreContract('EnvOverlaySecretStore over gnome-keyring', () => ({
  store: new EnvOverlaySecretStore(new KeytarSecretStore('ferry-test'), {}),
  origin: 'keychain',
  plantUnbound,
}));

describe('KeytarSecretStore without a keychain', () => {
  // The child process runs the compiled adapter.
  beforeAll(buildOnce, 120_000);

  it('fails with a clear error that names the headless alternative', async () => {
    const script = `
      const { KeytarSecretStore } = await import(${JSON.stringify(join(repoRoot, 'out/main/adapters/secrets/keytar-secret-store.js'))});
      try { await new KeytarSecretStore('ferry-test').get('x'); console.log('NO ERROR'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, hint: e.hint })); }`;
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }; // no D-Bus, no display
    const { stdout } = await run('node', ['--input-type=module', '-e', script], { env });
    const error = JSON.parse(stdout) as { code: string; message: string; hint: string };
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(/^The OS keychain cannot be used: .*D-Bus/);
    expect(error.hint).toContain('FERRY_SECRET_X'); // the profile's own variable (issue 12)
  });
});
