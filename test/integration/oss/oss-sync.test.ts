import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startOssTestServer, type OssTestServer } from '../../services/oss-test-server/server.js';
import { buildOnce } from '../../support/build-once.js';
import { ferry, ferryProcess, md5, waitUntil } from '../sync/ferry-process.js';

let server: OssTestServer;
beforeAll(async () => {
  await buildOnce();
  // V1 refused, as for accounts and buckets created since 2025 (Alibaba, "Notice on the
  // discontinuation of the OSS V1 signature algorithm"): every scenario runs V4, Ferry's default.
  server = await startOssTestServer({ minDurationSeconds: 1, v1Refused: true });
}, 120_000);
afterAll(() => server.close());

const secretEnv = () => ({ FERRY_SECRET_OSS: server.ramUser.accessKeySecret });

async function ossWorkspace(
  label: string,
  over: {
    credentials?: Record<string, unknown>;
    transfers?: Record<string, unknown>;
    mode?: string;
    profile?: Record<string, unknown>;
  } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), `ferry-oss-${label}-`));
  const data = join(dir, 'data');
  await mkdir(data, { recursive: true });
  const prefix = `${label}-${Date.now().toString(36)}/`;
  const config = {
    profiles: [
      {
        id: 'oss',
        provider: 'oss',
        endpoint: server.endpoint,
        // The standard id; "oss-cn-hangzhou" works too (both normalised once).
        region: server.standardRegion,
        ...over.profile,
        credentials: {
          source: 'aliyun-sts',
          accessKeyId: server.ramUser.accessKeyId,
          roleArn: server.roleArn,
          stsEndpoint: server.stsEndpoint,
          durationSeconds: 900,
          ...over.credentials,
        },
      },
    ],
    folders: [
      {
        id: 'data',
        path: data,
        profile: 'oss',
        bucket: server.bucket,
        prefix,
        mode: over.mode ?? 'upload',
      },
    ],
    transfers: { partSize: '5MiB', ...over.transfers },
    stateDir: join(dir, 'state'),
  };
  const path = join(dir, 'ferry.json');
  await writeFile(path, JSON.stringify(config));
  return { dir, data, prefix, config: path, state: join(dir, 'state') };
}

async function remote(prefix: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const key of server.inspect.keys().filter((k) => k.startsWith(prefix))) {
    const body = await server.inspect.read(key);
    if (body) result.set(key.slice(prefix.length), md5(body));
  }
  return result;
}

const transfers = (ndjson: string) =>
  ndjson
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map(
      (l) =>
        JSON.parse(l) as {
          type: string;
          state?: string;
          partsReused?: number;
          relativePath?: string;
        },
    )
    .filter((e) => e.type === 'transfer');

describe('ferry against the OSS test server (provider oss, aliyun-sts, V4 against V1 refused)', () => {
  it('a V1 profile fails fast with exit 2 and says to use signatureVersion v4; nothing is uploaded', async () => {
    const ws = await ossWorkspace('v1', { profile: { signatureVersion: 'v1' } });
    await writeFile(join(ws.data, 'a.txt'), 'never sent');
    const started = Date.now();
    const result = await ferry(['sync', '--config', ws.config, '--once'], secretEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/OSS refuses V1 signatures/);
    expect(result.stderr).toMatch(/signatureVersion: v4/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await remote(ws.prefix)).toEqual(new Map());
    // One token, no refresh storm: a V1 refusal is not a credential problem.
    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    expect(log).not.toContain('credentials rejected by the store');
  });

  it('ferry check prints the token expiry and the RAM policy in use', async () => {
    const ws = await ossWorkspace('check');
    const result = await ferry(['check', '--config', ws.config], secretEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Profile "oss" \(oss, credentials: aliyun-sts\)/);
    expect(result.stdout).toMatch(/expires .* \(in 1[45]m \d+s\)/);
    expect(result.stdout).toContain('"Version": "1"');
    expect(result.stdout).toContain(`"acs:oss:*:*:${server.bucket}/${ws.prefix}*"`);
  });

  it('lands a tree byte-identical: Unicode names, an empty file and a 100 MiB multipart file', async () => {
    const ws = await ossWorkspace('tree');
    const files: Record<string, string | Uint8Array> = {
      'a.txt': 'alpha',
      'nested/deeper/b.txt': 'beta',
      'empty.txt': '',
      'caf\u0065\u0301.txt': 'NFD on disk',
      '中文/文件 名.txt': '简体',
      'big.bin': randomBytes(100 * 1024 * 1024),
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(ws.data, path, '..'), { recursive: true });
      await writeFile(join(ws.data, path), content);
    }
    const result = await ferry(['sync', '--config', ws.config, '--once'], secretEnv());
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('6 uploaded, 0 deleted, 0 failed');
    expect(await remote(ws.prefix)).toEqual(
      new Map(Object.entries(files).map(([p, c]) => [p.normalize('NFC'), md5(c)])),
    );
    expect(server.inspect.object(`${ws.prefix}big.bin`)?.type).toBe('Multipart');
  });

  it('a sync that outlives several token lifetimes has no failure and no re-sent part', async () => {
    const ws = await ossWorkspace('lifetimes', {
      credentials: { durationSeconds: 3, minDurationSeconds: 1 },
      transfers: { bandwidthLimit: '2MiB', partConcurrency: 2 },
    });
    const content = randomBytes(15 * 1024 * 1024);
    await writeFile(join(ws.data, 'slow.bin'), content);
    const result = await ferry(['sync', '--config', ws.config, '--once', '--json'], secretEnv());
    expect(result.code).toBe(0);
    expect(transfers(result.stdout).filter((t) => t.state === 'done')).toEqual([
      expect.objectContaining({ relativePath: 'slow.bin', partsReused: 0 }),
    ]);
    expect(transfers(result.stdout).map((t) => t.state)).not.toContain('retrying');
    const log = await readFile(join(ws.state, 'ferry.log'), 'utf8');
    expect(
      log.split('\n').filter((l) => l.includes('"credentials refreshed"')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(log).not.toContain('credentials rejected by the store');
    expect(await remote(ws.prefix)).toEqual(new Map([['slow.bin', md5(content)]]));
  }, 120_000);

  it('resumes a multipart upload after SIGKILL without re-sending stored parts', async () => {
    const ws = await ossWorkspace('sigkill', {
      transfers: { bandwidthLimit: '5MiB', partConcurrency: 1 },
    });
    const content = randomBytes(30 * 1024 * 1024);
    await writeFile(join(ws.data, 'big.bin'), content);
    const stored = () => {
      try {
        const db = new Database(join(ws.state, 'journal.sqlite'), {
          readonly: true,
          fileMustExist: true,
        });
        try {
          return (db.prepare('SELECT count(*) AS n FROM checkpoint_parts').get() as { n: number })
            .n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    const first = ferryProcess(['sync', '--config', ws.config, '--once'], secretEnv());
    await waitUntil(() => Promise.resolve(stored() >= 2), 60_000, 'two checkpointed parts');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const checkpointed = stored();
    const config = JSON.parse(await readFile(ws.config, 'utf8')) as {
      transfers: Record<string, unknown>;
    };
    config.transfers['bandwidthLimit'] = 0;
    await writeFile(ws.config, JSON.stringify(config));
    const second = await ferry(['sync', '--config', ws.config, '--once', '--json'], secretEnv());
    expect(second.code).toBe(0);
    expect(transfers(second.stdout).filter((t) => t.state === 'done')).toEqual([
      expect.objectContaining({ partsReused: checkpointed }),
    ]);
    expect(await remote(ws.prefix)).toEqual(new Map([['big.bin', md5(content)]]));
  }, 120_000);

  it('the preflight refuses a RAM policy that does not cover the prefix, or omits DeleteObject in mirror mode (exit 2, nothing uploaded)', async () => {
    for (const [label, resource, actions, refused] of [
      [
        'outside',
        'keep*',
        ['oss:PutObject', 'oss:GetObject', 'oss:AbortMultipartUpload'],
        /may not upload to \S+ \(the store denied CreateMultipartUpload/,
      ],
      [
        'nodelete',
        '*',
        ['oss:PutObject', 'oss:GetObject', 'oss:AbortMultipartUpload'],
        /may not delete in \S+ \(the store denied DeleteObject/,
      ],
    ] as const) {
      const ws0 = await ossWorkspace(label, { mode: 'mirror' });
      const policy = JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: actions,
            Resource: [`acs:oss:*:*:${server.bucket}/${ws0.prefix}${resource}`],
          },
        ],
      });
      const config = JSON.parse(await readFile(ws0.config, 'utf8')) as {
        profiles: { credentials: Record<string, unknown> }[];
      };
      config.profiles[0]!.credentials['policy'] = policy;
      await writeFile(ws0.config, JSON.stringify(config));
      await writeFile(join(ws0.data, 'keep.txt'), 'keep');
      const result = await ferry(['sync', '--config', ws0.config, '--once'], secretEnv());
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(refused);
      expect(result.stderr).toContain('Folder "data"');
      expect(await remote(ws0.prefix)).toEqual(new Map());
    }
  });
});
