import { describe, expect, it } from 'vitest';

import { assumeRoleTarget } from '../../../../../app/credentials/secret-target.js';
import { SyncError } from '../../../../../app/errors/sync-error.js';
import type { StoredSecret } from '../../../../../app/ports/secret-store.js';
import { withSecretOriginHints } from '../../../../../main/adapters/sts/secret-origin-hints.js';
import { MemorySecretStore } from '../../../../fakes/memory-secret-store.js';

const denied = () =>
  Promise.reject(
    new SyncError(
      'sts-denied',
      'fatal',
      'STS says the secret key stored for profile "my-ceph" does not match.',
      {
        hint: 'Store the right secret with `ferry secret set my-ceph`.',
      },
    ),
  );

function storeWith(origin: StoredSecret['origin'] | null) {
  const store = new MemorySecretStore();
  store.get = () =>
    Promise.resolve(
      origin === null ? null : { secret: 'x', target: assumeRoleTarget('A', undefined), origin },
    );
  return store;
}

describe('withSecretOriginHints: a wrong secret is fixed where it comes from', () => {
  it.each([
    [
      'environment',
      /FERRY_SECRET_MY_CEPH in Ferry's environment, which wins over the keychain: correct that variable/,
    ],
    [
      'memory',
      /entered in this session .* kept in memory only\): enter the right one in the Credentials view, or set FERRY_SECRET_MY_CEPH/,
    ],
    ['keychain', /^Store the right secret with `ferry secret set my-ceph`\.$/],
  ] as const)('from the %s', async (origin, hint) => {
    const source = withSecretOriginHints(denied, 'my-ceph', storeWith(origin));
    const error = await source().then(
      () => null,
      (thrown: unknown) => thrown as SyncError,
    );
    expect(error).toMatchObject({ code: 'sts-denied', disposition: 'fatal' });
    expect(error?.hint).toMatch(hint);
    if (origin === 'environment') expect(error?.hint).not.toContain('ferry secret set');
  });

  it('leaves other failures alone', async () => {
    const outage = new SyncError('sts-unreachable', 'retry', 'STS is down.');
    const source = withSecretOriginHints(
      () => Promise.reject(outage),
      'my-ceph',
      storeWith('environment'),
    );
    await expect(source()).rejects.toBe(outage);
  });
});
