import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry } from '../sync/ferry-process.js';

const PASSWORD = 'hunter2-userinfo-password';
const DEVICE_TOKEN = 'opaque-device-token-with-no-pattern-0042';

describe('the real ferry CLI redacts what it prints (issue 11)', () => {
  it('a URL with userinfo echoed by the HTTP client reaches stderr without its password', async () => {
    await buildOnce();
    const dir = await mkdtemp(join(tmpdir(), 'ferry-redaction-'));
    const config = join(dir, 'ferry.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: [
          {
            id: 'vendor-lab',
            endpoint: 'https://s3.example.com',
            // fetch refuses such a URL and quotes it whole in its error message.
            credentials: { source: 'vendor', url: `https://alice:${PASSWORD}@127.0.0.1:9/token` },
          },
        ],
        stateDir: join(dir, 'state'),
      }),
    );
    const result = await ferry(['check', '--config', config], {
      FERRY_SECRET_VENDOR_LAB: DEVICE_TOKEN,
    });
    expect(result.code).toBe(2);
    const printed = result.stdout + result.stderr;
    expect(printed).toMatch(/Cannot reach the token backend/);
    expect(printed).toContain('alice:[redacted]@127.0.0.1');
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(DEVICE_TOKEN);
  }, 180_000);
});
