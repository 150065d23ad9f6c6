import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, remoteTree, workspace } from '../sync/ferry-process.js';

/**
 * Presets and folder configuration errors through the real `ferry sync --once` against Ceph RGW
 * (issue 10): a preset fills what the profile leaves out; a bucket the store says is missing is
 * the folder's configuration (exit 2), not a per-file failure or a network retry.
 */
describe('ferry sync --once with provider presets (Ceph RGW)', () => {
  beforeAll(async () => {
    await buildOnce();
  }, 300_000);

  it('provider: ceph needs no forcePathStyle (the preset says path style)', async () => {
    // A host name, not 127.0.0.1 (for an IP address the SDK picks path style by itself): in
    // virtual-hosted style the SDK would address sync-bucket.localhost, which RGW cannot serve.
    const endpoint = rgw().endpoint.replace('127.0.0.1', 'localhost');
    const ws = await workspace('preset-ceph', {
      profile: { provider: 'ceph', endpoint, forcePathStyle: undefined },
    });
    await writeFile(join(ws.data, 'a.txt'), 'ceph preset');
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(0);
    expect([...(await remoteTree(ws.prefix)).keys()]).toEqual(['a.txt']);

    // The same profile with path style switched off does not reach the bucket.
    const off = await workspace('preset-ceph-off', {
      profile: { provider: 'ceph', endpoint, forcePathStyle: false },
    });
    await writeFile(join(off.data, 'a.txt'), 'ceph preset');
    expect((await ferry(['sync', '--config', off.config, '--once'])).code).not.toBe(0);
    expect((await remoteTree(off.prefix)).size).toBe(0);
  });

  it('provider: ctyun (STS signed "ctyun", data us-east-1) syncs against Ceph, which accepts any region', async () => {
    const ws = await workspace('preset-ctyun', {
      profile: { provider: 'ctyun', forcePathStyle: true },
    });
    await writeFile(join(ws.data, 'b.txt'), 'ctyun preset');
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(0);
    expect([...(await remoteTree(ws.prefix)).keys()]).toEqual(['b.txt']);
  });

  it('a bucket that does not exist is a configuration error: exit 2, named, not retried', async () => {
    const ws = await workspace('no-bucket', { folder: { bucket: 'ferry-no-such-bucket' } });
    await writeFile(join(ws.data, 'c.txt'), 'nowhere to go');
    const started = Date.now();
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(2);
    // The preflight (issue 12) names it before any upload: folder, bucket and the fix.
    expect(result.stderr).toMatch(/Folder "data": bucket "ferry-no-such-bucket" does not exist/);
    expect(result.stderr).toMatch(/Create the bucket, or correct "bucket"/);
    // Fatal at once: the engine's network backoff (1 s doubling, 6 attempts) would take ~30 s.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('an OSS bucket name with a dot is refused when the config is read', async () => {
    const ws = await workspace('oss-dot', {
      profile: {
        provider: 'aliyun-oss',
        region: 'cn-hangzhou',
        forcePathStyle: undefined,
        credentials: {
          source: 'aliyun-sts',
          accessKeyId: 'LTAI5t',
          roleArn: 'acs:ram::1234567890123456:role/uploader',
        },
      },
      folder: { bucket: 'my.bucket' },
    });
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /folders\[0\]\.bucket: must be 3–63 lower-case letters, digits or "-".*\(Alibaba Cloud OSS rule\); "my\.bucket" contains "\."/,
    );
  });
});
