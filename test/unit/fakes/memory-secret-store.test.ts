import { describeSecretStoreContract } from '../../contracts/secret-store-contract.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';

describeSecretStoreContract('MemorySecretStore', () => {
  const store = new MemorySecretStore();
  return {
    store,
    origin: 'keychain',
    plantUnbound: (profileId, secret) => {
      store.secrets.set(profileId, secret);
      return Promise.resolve();
    },
  };
});
