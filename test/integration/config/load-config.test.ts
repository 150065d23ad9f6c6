import { mkdtemp, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../main/config/load-config.js';

const yaml = `
profiles:
  - id: ceph
    endpoint: http://127.0.0.1:7480
    forcePathStyle: true
    credentials:
      source: assume-role
      accessKeyId: FERRYALICEKEY0000001
      roleArn: arn:aws:iam:::role/SyncRole
      durationSeconds: 900
folders:
  - id: docs
    path: ~/Documents
    profile: ceph
    bucket: sync-bucket
    prefix: alice/docs/
transfers: { concurrency: 4, partSize: 16MiB }
`;

async function write(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-config-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('loadConfig', () => {
  it('reads YAML and expands ~ in folder paths', async () => {
    const config = await loadConfig(await write('ferry.yaml', yaml));
    expect(config.folders[0]?.path).toBe(join(homedir(), 'Documents'));
    expect(config.transfers.partSize).toBe(16 * 1024 * 1024);
  });

  it('reads JSON', async () => {
    const config = await loadConfig(
      await write(
        'ferry.json',
        JSON.stringify({
          profiles: [{ id: 'v', credentials: { source: 'vendor', url: 'https://t.example.com' } }],
        }),
      ),
    );
    expect(config.profiles[0]?.id).toBe('v');
  });

  it.each([
    ['ferry.yaml', 'profiles: [unclosed', /is not valid YAML/],
    ['ferry.json', '{"profiles": ', /is not valid JSON/],
    ['ferry.toml', 'x = 1', /must end in \.yaml, \.yml or \.json/],
    [
      'ferry.yaml',
      yaml.replace('forcePathStyle: true', 'forcePathStyle: true\n    bogus: 1'),
      /profiles\[0\]: unknown key "bogus"/,
    ],
  ])('rejects %s with %s', async (name, text, message) => {
    await expect(loadConfig(await write(name, text))).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringMatching(message),
    });
  });

  it('names a missing file', async () => {
    await expect(loadConfig('/nonexistent/ferry.yaml')).rejects.toMatchObject({
      code: 'config-invalid',
      message: 'Cannot read the config file /nonexistent/ferry.yaml (ENOENT).',
      hint: 'Check the path given to --config.',
    });
  });
});
