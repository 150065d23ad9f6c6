import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, md5, remoteTree, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

async function put(
  root: string,
  relativePath: string,
  content: string | Uint8Array,
): Promise<void> {
  await mkdir(join(root, relativePath, '..'), { recursive: true });
  await writeFile(join(root, relativePath), content);
}

describe('ferry sync --once against Ceph RGW', () => {
  it('lands a tree byte-identical: nested folders, empty files, Unicode and spaces, a 100 MiB file', async () => {
    const ws = await workspace('tree');
    const files: Record<string, string | Uint8Array> = {
      'top.txt': 'top level',
      'a/b/c/deep.txt': 'three levels down',
      'empty.txt': '',
      'a/empty-too.bin': new Uint8Array(0),
      'caf\u00e9 (NFC).txt': 'composed é',
      'nai\u0308ve (NFD).txt': 'decomposed ï on disk',
      'with spaces/and more spaces.md': '# spaces',
      '中文目录/文件.txt': '简体中文',
      'big/100MiB.bin': randomBytes(100 * 1024 * 1024),
    };
    for (const [path, content] of Object.entries(files)) await put(ws.data, path, content);
    await mkdir(join(ws.data, 'empty-dir'));

    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('9 uploaded, 0 deleted, 0 failed');

    const expected = new Map(
      Object.entries(files).map(([path, content]) => [path.normalize('NFC'), md5(content)]),
    );
    expect(await remoteTree(ws.prefix)).toEqual(expected);

    // A second run finds nothing to do.
    const again = await ferry(['sync', '--config', ws.config, '--once']);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('0 uploaded, 0 deleted, 0 failed'),
    });
  }, 180_000);

  it('--dry-run prints the plan and changes nothing', async () => {
    const ws = await workspace('dry');
    await put(ws.data, 'x.txt', 'x');
    const result = await ferry(['sync', '--config', ws.config, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/upload {2}x\.txt {2}\(new, 1 bytes\)/);
    expect(result.stdout).toContain('Nothing was changed (dry run)');
    expect((await remoteTree(ws.prefix)).size).toBe(0);
  });

  it('--json prints NDJSON events, one per transfer state', async () => {
    const ws = await workspace('json');
    await put(ws.data, 'x.txt', 'x');
    const result = await ferry(['sync', '--config', ws.config, '--once', '--json']);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; state?: string; relativePath?: string });
    expect(events.filter((e) => e.type === 'transfer').map((e) => e.state)).toEqual([
      'queued',
      'uploading',
      'done',
    ]);
    expect(events.some((e) => e.type === 'scan-finished')).toBe(true);
  });

  it('status shows synced, pending and failed per folder', async () => {
    const ws = await workspace('status');
    await put(ws.data, 'a.txt', 'a');
    await ferry(['sync', '--config', ws.config, '--once']);
    await put(ws.data, 'b.txt', 'b');
    const result = await ferry(['status', '--config', ws.config, '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      folders: [{ folder: 'data', synced: 1, pending: 1, failed: 0 }],
    });
  });
});

describe('denied actions: refused before uploading, or per file', () => {
  it('the default upload-only policy (no DeleteObject, no ListBucket) syncs', async () => {
    const ws = await workspace('uponly');
    await put(ws.data, 'a.txt', 'a');
    const check = await ferry(['check', '--config', ws.config]);
    expect(check.stdout).not.toContain('s3:DeleteObject');
    expect(check.stdout).not.toContain('"s3:ListBucket"');
    expect((await ferry(['sync', '--config', ws.config, '--once'])).code).toBe(0);
  });

  it('mirror mode whose policy omits DeleteObject is refused by the preflight before any upload (issue 12)', async () => {
    const info = rgw();
    const ws0 = await workspace('nodelete', { mode: 'mirror' });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            's3:PutObject',
            's3:GetObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          Resource: [`arn:aws:s3:::${info.bucket}/${ws0.prefix}*`],
        },
      ],
    });
    const config = JSON.parse(await readFile(ws0.config, 'utf8')) as {
      profiles: { credentials: Record<string, unknown> }[];
    };
    config.profiles[0]!.credentials['policy'] = policy;
    await writeFile(ws0.config, JSON.stringify(config));
    await put(ws0.data, 'keep.txt', 'keep');
    const result = await ferry(['sync', '--config', ws0.config, '--once']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /Folder "data": the token may not delete in \S+ \(the store denied DeleteObject/,
    );
    expect(result.stderr).toMatch(/set "mode: upload" on folder "data"/);
    expect(await remoteTree(ws0.prefix)).toEqual(new Map());
  });

  it('a policy that does not allow writing under the prefix is refused by the preflight (exit 2)', async () => {
    const info = rgw();
    const ws = await workspace('outside', {
      credentials: {
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject'],
              Resource: [`arn:aws:s3:::${info.bucket}/somewhere-else/*`],
            },
          ],
        }),
      },
    });
    await put(ws.data, 'a.txt', 'a');
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /Folder "data": the token may not upload to \S+ \(the store denied CreateMultipartUpload/,
    );
    expect(result.stderr).not.toMatch(/failed: data\/a\.txt/);
    expect((await remoteTree(ws.prefix)).size).toBe(0);
  });
});

describe('configuration and credential problems exit 2 and write nothing', () => {
  it.each<[string, Parameters<typeof workspace>[1], Record<string, string>, RegExp]>([
    [
      'a wrong secret key',
      {},
      { FERRY_SECRET_CEPH: 'wrong-secret-00000000000000000000000000' },
      /STS refused to let access key/,
    ],
    [
      'a missing secret',
      {},
      { FERRY_SECRET_CEPH: '' },
      /No secret key is stored for profile "ceph"/,
    ],
    [
      'an unreachable endpoint',
      { profile: { endpoint: 'http://127.0.0.1:1' } },
      {},
      /Cannot reach STS at http:\/\/127\.0\.0\.1:1/,
    ],
    [
      'a role that does not exist',
      { credentials: { roleArn: 'arn:aws:iam:::role/Nope' } },
      {},
      /has no role/,
    ],
  ])('%s', async (_name, options, env, message) => {
    const ws = await workspace('bad', options);
    await put(ws.data, 'a.txt', 'a');
    const result = await ferry(['sync', '--config', ws.config, '--once'], {
      HOME: ws.dir,
      XDG_DATA_HOME: ws.dir,
      ...env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect((await remoteTree(ws.prefix)).size).toBe(0);
  });

  it('a malformed config names the key', async () => {
    const ws = await workspace('badconfig', { transfers: { concurrency: 'lots' } });
    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/transfers\.concurrency: /);
  });
});
