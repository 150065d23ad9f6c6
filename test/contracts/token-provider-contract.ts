import { beforeEach, describe, expect, it } from 'vitest';

import type { TokenProvider } from '../../app/ports/token-provider.js';

/**
 * The TokenProvider port's contract (app/ports/token-provider.ts), run against the fake the
 * decorator is unit-tested with and against the CredentialBroker (over a fake STS in the unit
 * tier, over Ceph's real STS in the integration tier), so the fake cannot promise what the
 * broker does not do. `setup` gives a provider that has handed out no token yet and has never
 * been forced to refresh.
 */
export function describeTokenProviderContract(
  name: string,
  setup: () => Promise<TokenProvider>,
): void {
  describe(`TokenProvider contract: ${name}`, () => {
    let tokens: TokenProvider;
    beforeEach(async () => {
      tokens = await setup();
    });

    it('get() hands out one token while it is usable, under one generation', async () => {
      const first = await tokens.get();
      const generation = tokens.generation;
      const again = await tokens.get();
      expect(again.accessKeyId).toBe(first.accessKeyId);
      expect(tokens.generation).toBe(generation);
      expect(first.sessionToken).not.toBe('');
    });

    it('generation read before the first get() names the token that get() fetches', async () => {
      const before = tokens.generation;
      await tokens.get();
      expect(tokens.generation).toBe(before);
    });

    it('forceRefresh of the current generation replaces the token under a higher generation', async () => {
      const first = await tokens.get();
      const rejected = tokens.generation;
      const fresh = await tokens.forceRefresh(rejected);
      expect(fresh.accessKeyId).not.toBe(first.accessKeyId);
      expect(tokens.generation).toBeGreaterThan(rejected);
      expect((await tokens.get()).accessKeyId).toBe(fresh.accessKeyId);
    });

    it('forceRefresh of an older generation keeps the token that replaced it', async () => {
      await tokens.get();
      const rejected = tokens.generation;
      const fresh = await tokens.forceRefresh(rejected);
      const current = tokens.generation;
      const straggler = await tokens.forceRefresh(rejected);
      expect(straggler.accessKeyId).toBe(fresh.accessKeyId);
      expect(tokens.generation).toBe(current);
    });
  });
}
