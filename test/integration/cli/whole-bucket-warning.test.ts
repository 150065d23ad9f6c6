import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry } from '../sync/ferry-process.js';

async function configWithPrefix(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-whole-bucket-'));
  const path = join(dir, 'ferry.json');
  await writeFile(
    path,
    JSON.stringify({
      profiles: [
        {
          id: 'v',
          endpoint: 'https://s3.example.com',
          credentials: { source: 'vendor', url: 'https://127.0.0.1:9/token', timeoutSeconds: 1 },
        },
      ],
      folders: [{ id: 'docs', path: dir, profile: 'v', bucket: 'team-bucket', prefix }],
      stateDir: join(dir, 'state'),
    }),
  );
  return path;
}

describe('the whole bucket only on request (issue 11)', () => {
  it('ferry check prints a warning for prefix: ""', async () => {
    await buildOnce();
    const result = await ferry(['check', '--config', await configWithPrefix('')], {
      FERRY_SECRET_V: 'device-token-0000000001',
    });
    expect(result.stderr).toMatch(
      /warning: Folder "docs" syncs into the whole bucket "team-bucket"/,
    );
  }, 180_000);

  it('ferry check refuses prefix "/" and says to write prefix: ""', async () => {
    await buildOnce();
    const result = await ferry(['check', '--config', await configWithPrefix('/')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /folders\[0\]\.prefix: "\/" would be the whole bucket; write prefix: "" if you mean the whole bucket/,
    );
  }, 180_000);
});
