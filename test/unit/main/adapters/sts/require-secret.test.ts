import { describe, expect, it } from 'vitest';

import {
  aliyunStsTarget,
  assumeRoleTarget,
  vendorTarget,
} from '../../../../../app/credentials/secret-target.js';
import { requireSecret } from '../../../../../main/adapters/sts/require-secret.js';
import { EnvOverlaySecretStore } from '../../../../../main/adapters/secrets/env-overlay-secret-store.js';
import { MemorySecretStore } from '../../../../fakes/memory-secret-store.js';
import { rejection } from '../../../../support/rejection.js';

const STS = assumeRoleTarget('AKID1', 'https://sts.example.com');

describe('requireSecret: a secret goes only where it was stored for', () => {
  it('gives out a secret bound to the same target', async () => {
    const store = new MemorySecretStore();
    await store.set('p', 's3cret', STS);
    expect(await requireSecret(store, 'p', 'secret key', STS)).toBe('s3cret');
    // Spelling differences of one URL are one target.
    const same = assumeRoleTarget('AKID1', 'HTTPS://STS.example.com');
    expect(await requireSecret(store, 'p', 'secret key', same)).toBe('s3cret');
  });

  it.each([
    ['the source kind', vendorTarget('https://sts.example.com'), 'credential source'],
    ['the access key id', assumeRoleTarget('AKID2', 'https://sts.example.com'), 'access key id'],
    ['the endpoint', assumeRoleTarget('AKID1', 'https://evil.example'), 'STS endpoint'],
    ['to aliyun-sts', aliyunStsTarget('AKID1', 'https://sts.example.com'), 'credential source'],
  ])('refuses it after a change of %s, naming what changed', async (_label, target, change) => {
    const store = new MemorySecretStore();
    await store.set('p', 's3cret', STS);
    const error = await rejection(requireSecret(store, 'p', 'secret key', target));
    expect(error).toMatchObject({ code: 'secret-missing', disposition: 'fatal' });
    expect(error.message).toContain('was stored for another target');
    expect(error.message).toContain(change);
    expect(error.message).toContain('enter it again');
    expect(JSON.stringify(error)).not.toContain('s3cret');
  });

  it('refuses a vendor token stored for another URL', async () => {
    const store = new MemorySecretStore();
    await store.set('v', 'bearer', vendorTarget('https://tokens.corp.example/sts'));
    const error = await rejection(
      requireSecret(store, 'v', 'token', vendorTarget('https://tokens.evil.example/sts')),
    );
    expect(error.message).toContain('token URL');
  });

  it('binds an entry from before binding at its first use by a role-assuming source', async () => {
    const store = new MemorySecretStore();
    store.secrets.set('p', 'legacy-plain');
    expect(await requireSecret(store, 'p', 'secret key', STS)).toBe('legacy-plain');
    expect((await store.get('p'))?.target).toEqual(STS);
    await expect(
      requireSecret(store, 'p', 'secret key', assumeRoleTarget('AKID1', 'https://evil.example')),
    ).rejects.toMatchObject({ code: 'secret-missing' });
  });

  it('never sends an entry from before binding to a vendor URL', async () => {
    const store = new MemorySecretStore();
    store.secrets.set('p', 'legacy-plain');
    const error = await rejection(
      requireSecret(store, 'p', 'token', vendorTarget('https://tokens.example/')),
    );
    expect(error).toMatchObject({ code: 'secret-missing' });
    expect(error.message).toContain('enter it again');
    expect(store.secrets.get('p')).toBe('legacy-plain');
  });

  it('binds FERRY_SECRET_<ID> to its first target in this process', async () => {
    const store = new EnvOverlaySecretStore(new MemorySecretStore(), { FERRY_SECRET_V: 'env' });
    const first = vendorTarget('https://tokens.corp.example/sts');
    expect(await requireSecret(store, 'v', 'token', first)).toBe('env');
    expect(await requireSecret(store, 'v', 'token', first)).toBe('env');
    await expect(
      requireSecret(store, 'v', 'token', vendorTarget('https://tokens.evil.example/sts')),
    ).rejects.toMatchObject({ code: 'secret-missing' });
  });

  it('says how to store a missing secret', async () => {
    const error = await rejection(requireSecret(new MemorySecretStore(), 'p', 'secret key', STS));
    expect(error).toMatchObject({ code: 'secret-missing' });
    expect(error.hint).toContain('ferry secret set p --config FILE');
    expect(error.hint).toContain('FERRY_SECRET_P');
  });
});
