import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../main/config/load-config.js';
import { MAX_CONFIG_BYTES } from '../../../main/config/read-config-text.js';
import { readConfigDocument, saveConfigDocument } from '../../../main/ui-host/config-file.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ferry-config-size-'));
}

/** 100,000 distinct keys in one mapping: what made the YAML parser's duplicate check take 60 s. */
function hugeYaml(): string {
  const lines = ['profiles:'];
  for (let i = 0; i < 100_000; i++) lines.push(`  key${i}: value`);
  return `${lines.join('\n')}\n`;
}

const valid = {
  profiles: [
    {
      id: 'ceph',
      endpoint: 'http://127.0.0.1:7480',
      credentials: {
        source: 'assume-role',
        accessKeyId: 'AKID',
        roleArn: 'arn:aws:iam:::role/SyncRole',
      },
    },
  ],
  folders: [{ id: 'docs', path: '/tmp/docs', profile: 'ceph', bucket: 'sync-bucket', prefix: '' }],
};

describe('config files over 1 MiB (issue 11)', () => {
  it('loadConfig refuses a 2 MB YAML file before parsing it, at once', async () => {
    const path = join(await tempDir(), 'ferry.yaml');
    const text = hugeYaml();
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_CONFIG_BYTES);
    await writeFile(path, text);
    const started = Date.now();
    await expect(loadConfig(path)).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringMatching(/may be at most 1 MiB, so it is refused before parsing/),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('accepts a file of exactly 1 MiB (padded with spaces)', async () => {
    const path = join(await tempDir(), 'ferry.json');
    const body = JSON.stringify(valid);
    await writeFile(path, body + ' '.repeat(MAX_CONFIG_BYTES - Buffer.byteLength(body)));
    await expect(loadConfig(path)).resolves.toMatchObject({ profiles: [{ id: 'ceph' }] });
  });

  it('the UI host reading the config refuses it too', async () => {
    const path = join(await tempDir(), 'ferry.yaml');
    await writeFile(path, hugeYaml());
    await expect(readConfigDocument(path)).rejects.toMatchObject({ code: 'config-invalid' });
  });

  it('loadConfig refuses a directory with a clear message', async () => {
    const dir = join(await tempDir(), 'ferry.yaml');
    await mkdir(dir);
    await expect(loadConfig(dir)).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringMatching(/is a directory, not a config file/),
    });
  });
});

describe('the config backup keeps only the owner (issue 11)', () => {
  it('config.yaml.bak is 0600 even when the old config and an old .bak were 0644', async () => {
    const path = join(await tempDir(), 'config.yaml');
    await writeFile(path, 'profiles: []\n', { mode: 0o644 });
    await chmod(path, 0o644);
    await writeFile(`${path}.bak`, 'old\n', { mode: 0o644 });
    await chmod(`${path}.bak`, 0o644);
    await saveConfigDocument(path, valid);
    expect((await stat(`${path}.bak`)).mode & 0o777).toBe(0o600);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('profiles: []\n');
  });
});
