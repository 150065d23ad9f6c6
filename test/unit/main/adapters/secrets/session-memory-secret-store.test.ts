import { describe, expect, it } from 'vitest';

import { assumeRoleTarget, secretUse } from '../../../../../app/credentials/secret-target.js';
import { SyncError } from '../../../../../app/errors/sync-error.js';
import type {
  SecretStore,
  SecretTarget,
  StoredSecret,
} from '../../../../../app/ports/secret-store.js';
import { SessionMemorySecretStore } from '../../../../../main/adapters/secrets/session-memory-secret-store.js';
import { describeSecretStoreContract } from '../../../../contracts/secret-store-contract.js';
import { MemorySecretStore } from '../../../../fakes/memory-secret-store.js';

/** A keychain that cannot be reached (no Secret Service), as keytar-secret-store.ts reports it. */
class NoKeychain implements SecretStore {
  private fail(): never {
    throw new SyncError(
      'keychain-unavailable',
      'fatal',
      'The OS keychain cannot be used: no D-Bus.',
    );
  }
  get(): Promise<StoredSecret | null> {
    return Promise.resolve().then(() => this.fail());
  }
  set(): Promise<void> {
    return Promise.resolve().then(() => this.fail());
  }
  bind(): Promise<void> {
    return Promise.resolve().then(() => this.fail());
  }
  delete(): Promise<boolean> {
    return Promise.resolve().then(() => this.fail());
  }
  keychainReachable(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

const here: SecretTarget = assumeRoleTarget('AKID', 'https://sts.example.com');
const elsewhere: SecretTarget = assumeRoleTarget('AKID', 'https://evil.example.com');

describe('SessionMemorySecretStore', () => {
  it('without a keychain keeps the secret in memory, bound to its target, and says so', async () => {
    const store = new SessionMemorySecretStore(new NoKeychain());
    expect(await store.keychainReachable()).toBe(false);
    await expect(store.get('ceph')).rejects.toMatchObject({ code: 'keychain-unavailable' });

    await store.set('ceph', 's3cret', here);

    const stored = await store.get('ceph');
    expect(stored).toEqual({ secret: 's3cret', target: here, origin: 'memory' });
    expect(secretUse(stored!, here)).toBe('usable');
    expect(secretUse(stored!, elsewhere)).toBe('other-target'); // the binding holds in memory too
    await store.bind('ceph', elsewhere); // no rebinding of a held secret
    expect((await store.get('ceph'))?.target).toEqual(here);
    expect(await store.delete('ceph')).toBe(true);
    await expect(store.get('ceph')).rejects.toMatchObject({ code: 'keychain-unavailable' });
  });

  it('with a keychain writes there and holds nothing', async () => {
    const keychain = new MemorySecretStore();
    const store = new SessionMemorySecretStore(keychain);

    await store.set('ceph', 's3cret', here);

    expect(await store.get('ceph')).toMatchObject({ secret: 's3cret', origin: 'keychain' });
    expect(keychain.secrets.has('ceph')).toBe(true);
    expect(await store.keychainReachable()).toBe(true);
  });

  it('refuses an empty secret, and passes on errors other than an unreachable keychain', async () => {
    const store = new SessionMemorySecretStore(new NoKeychain());
    await expect(store.set('ceph', '', here)).rejects.toMatchObject({ code: 'secret-missing' });
    const failing = new MemorySecretStore();
    failing.set = () => Promise.reject(new SyncError('internal', 'fatal', 'disk full'));
    await expect(
      new SessionMemorySecretStore(failing).set('ceph', 'x', here),
    ).rejects.toMatchObject({
      code: 'internal',
    });
  });
});

// Over a keychain that answers, the session store is the keychain: the port's contract holds.
// (Without one, `get` of an unknown profile throws keychain-unavailable, as the port allows.)
describeSecretStoreContract('SessionMemorySecretStore over a keychain', () => {
  const keychain = new MemorySecretStore();
  return {
    store: new SessionMemorySecretStore(keychain),
    origin: 'keychain',
    plantUnbound: (profileId, secret) => {
      keychain.secrets.set(profileId, secret);
      return Promise.resolve();
    },
  };
});
