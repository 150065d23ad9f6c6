import { describe, expect, it } from 'vitest';

import { preflightFolder } from '../../../../app/engine/folder-preflight.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import { InstantClock } from '../../../fakes/instant-clock.js';
import { MemoryFileSystem } from '../../../fakes/memory-file-system.js';
import { MemoryObjectStore } from '../../../fakes/memory-object-store.js';

const base: FolderSpec = {
  id: 'photos',
  root: '/home/me/photos',
  profileId: 'p',
  bucket: 'bucket',
  prefix: 'photos/2026/',
  mode: 'upload',
  ignore: [],
  remoteListing: false,
  deleteDelayMs: 0,
};

function setup(folder: Partial<FolderSpec> = {}) {
  const fs = new MemoryFileSystem();
  fs.mkdir('/home/me/photos');
  fs.writeFile('/home/me/photos/a.jpg', 'a');
  const store = new MemoryObjectStore();
  let id = 0;
  const run = () =>
    preflightFolder(
      { ...base, ...folder },
      { fs, store, clock: new InstantClock(), random: () => 0.5, newId: () => `id${++id}` },
    );
  return { fs, store, run };
}

const outcomes = (result: Awaited<ReturnType<ReturnType<typeof setup>['run']>>) =>
  Object.fromEntries(result.checks.map((check) => [check.name, check.outcome]));

describe('preflightFolder', () => {
  it('an upload folder: path and write checked, listing and deleting not needed, nothing left', async () => {
    const { store, run } = setup();

    const result = await run();

    expect(result.error).toBeNull();
    expect(outcomes(result)).toEqual({
      folder: 'ok',
      write: 'ok',
      list: 'not-needed',
      delete: 'not-needed',
    });
    expect(store.calls.createMultipart).toBe(1);
    expect(store.calls.abortMultipart).toBe(1);
    expect(store.calls.list).toBe(0);
    expect(store.calls.delete).toBe(0);
    expect(store.objects.size).toBe(0);
    expect((await store.listMultipartUploads({ bucket: 'bucket', prefix: '' })).uploads).toEqual(
      [],
    );
  });

  it('mirror with remote listing also probes ListObjects and DeleteObject of a missing key', async () => {
    const { store, run } = setup({ mode: 'mirror', remoteListing: true });

    const result = await run();

    expect(outcomes(result)).toEqual({ folder: 'ok', write: 'ok', list: 'ok', delete: 'ok' });
    expect(store.calls.list).toBe(1);
    expect(store.calls.delete).toBe(1);
  });

  it.each([
    [
      'missing',
      (fs: MemoryFileSystem) => fs.remove('/home/me/photos'),
      /does not exist/,
      /Create the folder/,
    ],
    [
      'a file',
      (fs: MemoryFileSystem) => {
        fs.remove('/home/me/photos');
        fs.writeFile('/home/me/photos', 'x');
      },
      /is not a folder/,
      /Point it at a folder/,
    ],
    [
      'unreadable',
      (fs: MemoryFileSystem) =>
        fs.failNext(
          '/home/me/photos',
          Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
        ),
      /cannot be read/,
      /chmod u\+rx/,
    ],
  ])(
    'a folder path that is %s fails with its id, path and fix',
    async (_, breakIt, message, hint) => {
      const { fs, run } = setup();
      breakIt(fs);

      const { error, checks } = await run();

      expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
      expect(error?.message).toMatch(message);
      expect(error?.message).toContain('Folder "photos": /home/me/photos');
      expect(error?.hint).toMatch(hint);
      expect(error?.hint).toContain('"path" of folder "photos"');
      expect(checks[0]).toEqual({ name: 'folder', outcome: 'failed' });
    },
  );

  it('a missing bucket (NoSuchBucket on CreateMultipartUpload) names the bucket and the fix', async () => {
    const { store, run } = setup({ mode: 'mirror' });
    store.failNext(
      'createMultipart',
      new SyncError('bucket-missing', 'fatal', 'CreateMultipartUpload: NoSuchBucket.'),
    );

    const result = await run();

    expect(result.error).toMatchObject({ code: 'bucket-missing', disposition: 'fatal' });
    expect(result.error?.message).toMatch(/^Folder "photos": bucket "bucket" does not exist/);
    expect(result.error?.hint).toMatch(/Create the bucket, or correct "bucket" of folder "photos"/);
    expect(outcomes(result)).toMatchObject({ write: 'failed', delete: 'not-checked' });
    expect(store.calls.delete).toBe(0);
  });

  it("keeps the store error's params and adds the folder and bucket, for the UI's translation", async () => {
    const { store, run } = setup();
    store.failNext(
      'createMultipart',
      new SyncError('bucket-missing', 'fatal', 'CreateMultipartUpload k: NoSuchBucket.', {
        params: { action: 'CreateMultipartUpload k', status: 404, storeCode: 'NoSuchBucket' },
      }),
    );

    const { error } = await run();

    expect(error?.params).toEqual({
      // The bucket and prefix, never the probe's internal key (screenshot review, issue 13).
      action: 'CreateMultipartUpload s3://bucket/photos/2026/',
      status: 404,
      storeCode: 'NoSuchBucket',
      folder: 'photos',
      bucket: 'bucket',
    });
  });

  it('a write the role denies is fatal, naming bucket, prefix and what to allow', async () => {
    const { store, run } = setup();
    store.denyKeysMatching(/ferry-preflight/, ['createMultipart']);

    const { error } = await run();

    expect(error).toMatchObject({ code: 'access-denied', disposition: 'fatal' });
    expect(error?.message).toBe(
      'Folder "photos": the token may not upload to s3://bucket/photos/2026/ (the store denied CreateMultipartUpload: AccessDenied).',
    );
    expect(JSON.stringify(error?.params)).not.toContain('ferry-preflight');
    expect(error?.hint).toContain('allow PutObject and AbortMultipartUpload there');
  });

  it('a denied HEAD alone is not a failure (a custom policy may leave out GetObject)', async () => {
    const { store, run } = setup();
    store.denyKeysMatching(/ferry-preflight/, ['head']);

    expect((await run()).error).toBeNull();
  });

  it.each([
    ['delete', { mode: 'mirror' as const }, 'delete', /mode: upload/],
    ['list', { remoteListing: true }, 'list', /remoteListing: false/],
  ] as const)(
    'a denied %s, needed by the mode, fails with the setting to change',
    async (_, folder, method, hint) => {
      const { store, run } = setup(folder);
      store.denyKeysMatching(/.*/, [method]);

      const { error } = await run();

      expect(error).toMatchObject({ code: 'access-denied' });
      expect(error?.hint).toMatch(hint);
    },
  );

  it('retries transient errors; an endpoint that keeps failing is reported unreachable', async () => {
    const flaky = setup();
    flaky.store.failNext(
      'createMultipart',
      new SyncError('server-error', 'retry', '503 SlowDown.'),
    );
    expect((await flaky.run()).error).toBeNull();
    expect(flaky.store.calls.createMultipart).toBe(2);

    const down = setup();
    down.store.failNext('head', new SyncError('network', 'retry', 'ECONNREFUSED.'), 20);
    const { error } = await down.run();
    expect(error).toMatchObject({ code: 'config-invalid', disposition: 'fatal' });
    expect(error?.message).toContain('the store for bucket "bucket" cannot be reached');
    expect(down.store.calls.head).toBeLessThan(10);
  });
});
