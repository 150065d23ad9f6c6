import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce, repoRoot } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `ferry` binary. */
function ferry(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      'node',
      [join(repoRoot, 'out/cli/ferry.js'), ...args],
      {
        env: {
          ...process.env,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...options.env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

async function writeConfig(profileId: string, over: Record<string, unknown> = {}): Promise<string> {
  const info = rgw();
  const dir = await mkdtemp(join(tmpdir(), 'ferry-cli-'));
  const config = {
    profiles: [
      {
        id: profileId,
        endpoint: info.endpoint,
        forcePathStyle: true,
        credentials: {
          source: 'assume-role',
          accessKeyId: info.user.accessKeyId,
          roleArn: info.roleArn,
          durationSeconds: 900,
          ...over,
        },
      },
    ],
    folders: [
      {
        id: 'docs',
        path: dir,
        profile: profileId,
        bucket: info.bucket,
        prefix: 'alice/docs/',
        mode: 'mirror',
      },
    ],
  };
  const path = join(dir, 'ferry.json');
  await writeFile(path, JSON.stringify(config));
  return path;
}

beforeAll(buildOnce, 120_000);

describe('ferry check', () => {
  it('gets a token and prints its expiry and the session policy, never a secret', async () => {
    const info = rgw();
    const result = await ferry(['check', '--config', await writeConfig('ceph')], {
      env: { FERRY_SECRET_CEPH: info.user.secretAccessKey },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Profile "ceph" \(s3, credentials: assume-role\)/);
    expect(result.stdout).toMatch(
      /token: {3}key …\w{4}, expires \d{4}-\d\d-\d\dT[\d:.]+Z \(in 1[45]m \d+s\)/,
    );
    expect(result.stdout).toContain('"s3:DeleteObject"');
    expect(result.stdout).toContain('arn:aws:s3:::sync-bucket/alice/docs/*');
    expect(result.stdout).not.toContain(info.user.secretAccessKey);
  });

  it('exits 2 and says what to do when the secret is wrong', async () => {
    const result = await ferry(['check', '--config', await writeConfig('ceph')], {
      env: { FERRY_SECRET_CEPH: 'not-the-right-secret-000000000000' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /STS refused to let access key FERRYALICEKEY0000001 assume arn:aws:iam:::role\/SyncRole \(HTTP 403\)/,
    );
    // The wrong secret comes from FERRY_SECRET_CEPH, which wins over the keychain: the hint says
    // to fix the variable, not `ferry secret set` (issue 12).
    expect(result.stderr).toMatch(
      /FERRY_SECRET_CEPH in Ferry's environment, .*correct that variable/,
    );
    expect(result.stderr).not.toContain('ferry secret set');
    expect(result.stdout + result.stderr).not.toContain('not-the-right-secret');
  });

  it('exits 2 on a bad config, naming the key', async () => {
    const result = await ferry([
      'check',
      '--config',
      await writeConfig('ceph', { durationSeconds: 60 }),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /profiles\[0\]\.credentials\.durationSeconds: 60 is outside 900–43200/,
    );
  });

  it('exits 64 on a usage error', async () => {
    const result = await ferry(['check', '--bogus']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("Unknown option '--bogus'");
  });

  it('without --config and no config where Ferry looks (issue 13): exit 2 naming the place', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ferry-no-config-'));
    const result = await ferry(['check'], { env: { XDG_CONFIG_HOME: empty, FERRY_CONFIG: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no config at ${join(empty, 'Ferry', 'config.yaml')}`);
  });
});

describe('ferry secret', () => {
  it('stores the secret from stdin in the keychain, where check finds it; delete removes it', async () => {
    const info = rgw();
    const profileId = `kc-${process.pid}`;
    const config = await writeConfig(profileId);
    // Without --config the secret binds to the default config's profile (issue 13): none here.
    const noConfig = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'ferry-none-')),
      FERRY_CONFIG: '',
    };
    expect((await ferry(['secret', 'set', profileId], { input: 'x\n', env: noConfig })).code).toBe(
      2,
    );
    const set = await ferry(['secret', 'set', profileId, '--config', config], {
      input: `${info.user.secretAccessKey}\n`,
    });
    expect(set).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Stored the secret for profile "${profileId}"`),
    });
    expect((await ferry(['check', '--config', config])).code).toBe(0);

    // Bound to the profile as configured: another STS endpoint does not get it.
    const moved = await writeConfig(profileId, { stsEndpoint: 'http://127.0.0.1:9' });
    const elsewhere = await ferry(['check', '--config', moved]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('was stored for another target');

    const deleted = await ferry(['secret', 'delete', profileId]);
    expect(deleted.stdout).toContain('Deleted the secret');
    const after = await ferry(['check', '--config', config]);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain(`No secret key is stored for profile "${profileId}"`);
  });

  it('refuses an empty secret', async () => {
    const config = await writeConfig('empty');
    const result = await ferry(['secret', 'set', 'empty', '--config', config], { input: '\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No secret was given on standard input');
  });
});
