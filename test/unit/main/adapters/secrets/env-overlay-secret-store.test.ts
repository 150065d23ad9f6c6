import { describe, expect, it } from 'vitest';

import { assumeRoleTarget, vendorTarget } from '../../../../../app/credentials/secret-target.js';
import { EnvOverlaySecretStore } from '../../../../../main/adapters/secrets/env-overlay-secret-store.js';
import { describeSecretStoreContract } from '../../../../contracts/secret-store-contract.js';
import { MemorySecretStore } from '../../../../fakes/memory-secret-store.js';

const TARGET = assumeRoleTarget('AKID', 'https://sts.example.com');

describe('EnvOverlaySecretStore', () => {
  it('prefers FERRY_SECRET_<ID> over the keychain', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('ceph-lab.2', 'from-keychain', TARGET);
    const store = new EnvOverlaySecretStore(keychain, { FERRY_SECRET_CEPH_LAB_2: 'from-env' });
    expect(await store.get('ceph-lab.2')).toEqual({
      secret: 'from-env',
      target: null,
      origin: 'environment',
    });
  });

  it('falls back to the keychain when the variable is unset or empty', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('ceph', 'from-keychain', TARGET);
    const expected = { secret: 'from-keychain', target: TARGET, origin: 'keychain' };
    expect(await new EnvOverlaySecretStore(keychain, {}).get('ceph')).toEqual(expected);
    expect(
      await new EnvOverlaySecretStore(keychain, { FERRY_SECRET_CEPH: '' }).get('ceph'),
    ).toEqual(expected);
  });

  it('writes and deletes in the keychain only', async () => {
    const keychain = new MemorySecretStore();
    const env = { FERRY_SECRET_CEPH: 'from-env' };
    const store = new EnvOverlaySecretStore(keychain, env);
    await store.set('ceph', 'new', TARGET);
    expect((await keychain.get('ceph'))?.secret).toBe('new');
    expect(await store.delete('ceph')).toBe(true);
    expect(env.FERRY_SECRET_CEPH).toBe('from-env');
  });

  it('binds a variable to its first target for the life of the process, never the keychain', async () => {
    const keychain = new MemorySecretStore();
    keychain.secrets.set('ceph', 'legacy-plain');
    const store = new EnvOverlaySecretStore(keychain, { FERRY_SECRET_CEPH: 'from-env' });
    await store.bind('ceph', TARGET);
    await store.bind('ceph', vendorTarget('https://elsewhere.example/token'));
    expect((await store.get('ceph'))?.target).toEqual(TARGET);
    expect(keychain.secrets.get('ceph')).toBe('legacy-plain');
  });
});

// With no FERRY_SECRET_<ID> for the profile, the overlay is the keychain: the contract holds.
describeSecretStoreContract('EnvOverlaySecretStore, keychain side', () => {
  const keychain = new MemorySecretStore();
  return {
    store: new EnvOverlaySecretStore(keychain, {}),
    origin: 'keychain',
    plantUnbound: (profileId, secret) => {
      keychain.secrets.set(profileId, secret);
      return Promise.resolve();
    },
  };
});
