import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { repoRoot } from '../support/build-once.js';
import { launchBrowser, openPage } from './support/browser.js';
import { stopChild, waitForUrl, type ServeProcess } from './support/serve-process.js';

describe('npm run demo', () => {
  let demo: ServeProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    if (demo) await stopChild(demo.child);
  });

  it('starts Ceph, serves the UI on a sample folder, and the first upload completes in the page', async () => {
    // Its own process group, so Ctrl+C reaches the script and ferry serve together.
    const child = spawn('bash', [join(repoRoot, 'test/services/demo.sh')], {
      cwd: repoRoot,
      env: { ...process.env, FERRY_DEMO_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo = await waitForUrl(
      child,
      /Ferry web UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/,
      240_000,
    );
    const sample = /Sample folder: (\S+)/.exec(demo.output())?.[1] ?? '';
    expect(existsSync(sample)).toBe(true);

    browser = await launchBrowser();
    const { page } = await openPage(browser, demo.url);
    await page.getByTestId('nav-transfers').click();
    await page
      .locator('[data-testid="transfer-row"][data-path="hello.txt"][data-state="done"]')
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('nav-credentials').click();
    await page.getByTestId('credential-expiry-local-ceph').waitFor();

    // Ctrl+C: Ferry stops, the script stops Ceph and removes its temporary directory.
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(await exited).not.toBeNull();
    demo = undefined;
    expect(existsSync(dirname(sample))).toBe(false);
  });
});
