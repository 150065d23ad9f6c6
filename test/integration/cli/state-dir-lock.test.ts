import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, ferryProcess, waitUntil, workspace } from '../sync/ferry-process.js';

describe('one engine per state directory', () => {
  it('refuses a second syncing engine, allows status alongside, and takes over a dead owner’s lock', async () => {
    await buildOnce();
    const ws = await workspace('lock');
    const first = ferryProcess(['sync', '--config', ws.config]);
    try {
      await waitUntil(
        () => Promise.resolve(/watching/.test(first.output())),
        30_000,
        'the first engine',
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; its output:\n${first.output()}`);
      });

      const second = await ferry(['sync', '--config', ws.config, '--once']);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`Another Ferry (process ${first.pid}) is already syncing`);
      expect(second.stderr).toMatch(/give this config its own stateDir/);

      const status = await ferry(['status', '--config', ws.config]);
      expect(status.code).toBe(0);
    } finally {
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
    }
    // The owner died without cleaning up: its lock is stale, not a reason to refuse forever.
    const after = await ferry(['sync', '--config', ws.config, '--once']);
    expect(after.stderr).not.toContain('Another Ferry');
    expect(after.code).toBe(0);
  });
});
