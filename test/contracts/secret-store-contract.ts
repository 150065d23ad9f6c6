import { afterEach, describe, expect, it } from 'vitest';

import {
  assumeRoleTarget,
  aliyunStsTarget,
  vendorTarget,
} from '../../app/credentials/secret-target.js';
import type { SecretStore, StoredSecret } from '../../app/ports/secret-store.js';

export interface SecretStoreUnderTest {
  readonly store: SecretStore;
  /** Where this store says a secret it was given came from. */
  readonly origin: StoredSecret['origin'];
  /** Puts a secret with no target under the profile, the way an entry from before Ferry bound
   *  secrets looks (a plain keychain password); absent where there is no such thing. */
  readonly plantUnbound?: (profileId: string, secret: string) => Promise<void>;
  readonly cleanup?: () => Promise<void>;
}

const HERE = assumeRoleTarget('AKIDEXAMPLE', 'https://sts.example.com');
const ELSEWHERE = assumeRoleTarget('AKIDEXAMPLE', 'https://evil.example.com');

/**
 * What every SecretStore does, the fake included: a secret comes back with the target it was
 * stored for; set replaces; delete says whether there was one; bind binds only an unbound
 * secret; an empty secret is refused; profiles are kept apart. Profile ids are unique per run,
 * so a real keychain's other entries are never touched; each test deletes what it made.
 */
export function describeSecretStoreContract(
  name: string,
  make: () => SecretStoreUnderTest | Promise<SecretStoreUnderTest>,
): void {
  describe(`SecretStore contract: ${name}`, () => {
    const run = `contract-${process.pid}-${Date.now()}`;
    let count = 0;
    const made: { under: SecretStoreUnderTest; ids: string[] }[] = [];

    afterEach(async () => {
      for (const { under, ids } of made.splice(0)) {
        for (const id of ids) await under.store.delete(id);
        await under.cleanup?.();
      }
    });

    async function subject(): Promise<SecretStoreUnderTest & { readonly id: () => string }> {
      const under = await make();
      const entry = { under, ids: [] as string[] };
      made.push(entry);
      return {
        ...under,
        id: () => {
          const id = `${run}-${++count}`;
          entry.ids.push(id);
          return id;
        },
      };
    }

    it('has nothing for a profile that never stored a secret', async () => {
      const { store, id } = await subject();
      expect(await store.get(id())).toBeNull();
    });

    it('gives a secret back with the target it was stored for, and its origin', async () => {
      const { store, id, origin } = await subject();
      const profile = id();
      await store.set(profile, 'sub-account secret 密钥 with spaces', HERE);
      expect(await store.get(profile)).toEqual({
        secret: 'sub-account secret 密钥 with spaces',
        target: HERE,
        origin,
      });
    });

    it('keeps every kind of target and a long bearer token intact', async () => {
      const { store, id } = await subject();
      const token = `eyJ${'x'.repeat(3000)}.sig`;
      const targets = [
        aliyunStsTarget('LTAI5tEXAMPLE', undefined),
        vendorTarget('https://vendor.example.com/token'),
      ];
      for (const target of targets) {
        const profile = id();
        await store.set(profile, token, target);
        expect(await store.get(profile)).toMatchObject({ secret: token, target });
      }
    });

    it('replaces the secret and its target on a second set', async () => {
      const { store, id } = await subject();
      const profile = id();
      await store.set(profile, 'first', HERE);
      await store.set(profile, 'rotated', ELSEWHERE);
      expect(await store.get(profile)).toMatchObject({ secret: 'rotated', target: ELSEWHERE });
    });

    it('deletes, saying whether there was a secret', async () => {
      const { store, id } = await subject();
      const profile = id();
      await store.set(profile, 'doomed', HERE);
      expect(await store.delete(profile)).toBe(true);
      expect(await store.get(profile)).toBeNull();
      expect(await store.delete(profile)).toBe(false);
    });

    it('keeps profiles apart', async () => {
      const { store, id } = await subject();
      const [a, b] = [id(), id()];
      await store.set(a, 'secret-a', HERE);
      await store.set(b, 'secret-b', ELSEWHERE);
      await store.delete(a);
      expect(await store.get(a)).toBeNull();
      expect(await store.get(b)).toMatchObject({ secret: 'secret-b', target: ELSEWHERE });
    });

    it('refuses to store an empty secret', async () => {
      const { store, id } = await subject();
      const profile = id();
      await expect(store.set(profile, '', HERE)).rejects.toMatchObject({ code: 'secret-missing' });
      expect(await store.get(profile)).toBeNull();
    });

    it('never moves a bound secret to another target by bind', async () => {
      const { store, id } = await subject();
      const profile = id();
      await store.set(profile, 'bound', HERE);
      await store.bind(profile, ELSEWHERE);
      expect(await store.get(profile)).toMatchObject({ secret: 'bound', target: HERE });
    });

    it('binds nothing when the profile has no secret', async () => {
      const { store, id } = await subject();
      const profile = id();
      await store.bind(profile, HERE);
      expect(await store.get(profile)).toBeNull();
    });

    it('binds an unbound secret to its first target, and only to that one', async (context) => {
      const { store, id, plantUnbound } = await subject();
      if (!plantUnbound) return context.skip();
      const profile = id();
      await plantUnbound(profile, 'from before binding');
      expect(await store.get(profile)).toMatchObject({
        secret: 'from before binding',
        target: null,
      });
      await store.bind(profile, HERE);
      await store.bind(profile, ELSEWHERE);
      expect(await store.get(profile)).toMatchObject({
        secret: 'from before binding',
        target: HERE,
      });
    });

    it('says the keychain is reachable, where it can tell', async () => {
      const { store } = await subject();
      if (store.keychainReachable) expect(await store.keychainReachable()).toBe(true);
    });
  });
}
