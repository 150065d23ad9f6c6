import { describe, expect, it } from 'vitest';

import { EnvOverlaySecretStore } from '../../../../main/adapters/secrets/env-overlay-secret-store.js';
import { MemorySecretStore } from '../../../fakes/memory-secret-store.js';

describe('EnvOverlaySecretStore', () => {
  it('prefers FERRY_SECRET_<ID> over the keychain', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('ceph-lab.2', 'from-keychain');
    const store = new EnvOverlaySecretStore(keychain, { FERRY_SECRET_CEPH_LAB_2: 'from-env' });
    expect(await store.get('ceph-lab.2')).toBe('from-env');
  });

  it('falls back to the keychain when the variable is unset or empty', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('ceph', 'from-keychain');
    expect(await new EnvOverlaySecretStore(keychain, {}).get('ceph')).toBe('from-keychain');
    expect(await new EnvOverlaySecretStore(keychain, { FERRY_SECRET_CEPH: '' }).get('ceph')).toBe(
      'from-keychain',
    );
  });

  it('writes and deletes in the keychain only', async () => {
    const keychain = new MemorySecretStore();
    const env = { FERRY_SECRET_CEPH: 'from-env' };
    const store = new EnvOverlaySecretStore(keychain, env);
    await store.set('ceph', 'new');
    expect(keychain.secrets.get('ceph')).toBe('new');
    expect(await store.delete('ceph')).toBe(true);
    expect(env.FERRY_SECRET_CEPH).toBe('from-env');
  });
});
